import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's chromium, headless; never a downloaded browser (`npx playwright install` is not used). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.PROMPTOPS_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** A signed-in page: a fresh context (its own cookie jar) at the given size, logged in as the user. */
export async function signIn(
  browser: Browser,
  baseURL: string,
  username: string,
  viewport = DESKTOP,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport });
  const page = await context.newPage();
  await page.goto('/');
  await page.waitForURL(/\/login/);
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(`${username}-password-1234`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Catalog' }).waitFor();
  return { context, page };
}

const screenshots = fileURLToPath(new URL('../../../../docs/screenshots/', import.meta.url));

/** Writes docs/screenshots/NAME.png: the page as a person sees it (the viewport, or the whole page). */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  await mkdir(screenshots, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${screenshots}${name}.png`, fullPage });
}

/** The time one browser step may take: a page load, a server round trip and a screenshot. */
export const STEP = 120_000;

/** Waits for what the page shows to settle (debounced searches, server round trips). */
export const eventually = <Value>(read: () => Promise<Value>, timeout = 15_000) =>
  expect.poll(read, { timeout });
