import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, launchBrowser, STEP, screenshot, signIn } from './support/browser.ts';
import { type ExampleServer, startExampleServer } from './support/example-server.ts';

const PROMPT = 'support/classify-intent';

/**
 * The editor's "Try it" (issue 8): an author edits a prompt and runs the unsaved draft through the
 * runtime, seeing status, output, guard verdicts, cost and latency; the run is a draft (no version).
 * A viewer, who may run saved versions but not create them, gets no "Try it" in the editor.
 */
describe("the editor's Try it runs the draft", () => {
  let server: ExampleServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startExampleServer([
      { name: 'ann', role: 'author:support/' },
      { name: 'vic', role: 'viewer' },
    ]);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it(
    'an author runs an edited draft and sees the result marked as a draft',
    async () => {
      const { context, page } = await signIn(browser, server.url, 'ann');
      try {
        await page.goto(`/edit/prompt/${PROMPT}`);
        await page.getByTestId('code-editor').waitFor();
        await page.getByTestId('valid').waitFor();
        await page.getByTestId('code-editor').click();
        await page.keyboard.press('Control+f');
        await page
          .locator('.cm-search input[name="search"]')
          .pressSequentially('You are a customer intent classifier');
        await page.keyboard.press('Enter');
        await page.keyboard.press('Escape');
        await page.keyboard.type('You are a careful customer intent classifier');
        await page.locator('.variables textarea[name="customer_message"]').fill('Where is my order A-1234?');
        await eventually(() => page.getByTestId('rendered-prompt').textContent()).toContain(
          'You are a careful customer intent classifier',
        );
        const tryIt = page.getByTestId('draft-try').getByRole('button', { name: 'Try it' });
        await eventually(() => tryIt.isEnabled()).toBe(true);
        await tryIt.click();
        const result = page.getByTestId('draft-try').getByTestId('run-result');
        await result.waitFor();
        const text = await result.textContent();
        expect(text).toContain('ok');
        expect(text).toContain('order_tracking');
        expect(text).toMatch(/Versiondraft/);
        expect(text).toMatch(/Latency\d+ ms/);
        expect(text).toContain('$');
        await result.scrollIntoViewIfNeeded();
        await screenshot(page, 'editor-try', true);
        // Nothing was saved: the prompt still has one version.
        const detail = await server.api<{ artifact: { headVersion: number } }>(
          `/api/artifacts/prompt/${PROMPT}`,
        );
        expect(detail.artifact.headVersion).toBe(1);
      } finally {
        await context.close();
      }
    },
    STEP,
  );

  it(
    'a viewer gets no Try it in the editor',
    async () => {
      const { context, page } = await signIn(browser, server.url, 'vic');
      try {
        await page.goto(`/edit/prompt/${PROMPT}`);
        await page.getByTestId('code-editor').waitFor();
        await page.getByText('Preview of the draft').waitFor();
        await page.getByTestId('valid').waitFor();
        expect(await page.getByTestId('draft-try').count()).toBe(0);
        expect(await page.getByRole('button', { name: 'Try it' }).count()).toBe(0);
      } finally {
        await context.close();
      }
    },
    STEP,
  );
});
