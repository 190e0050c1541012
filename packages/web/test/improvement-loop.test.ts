import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, launchBrowser, STEP, screenshot, signIn } from './support/browser.ts';
import { type ExampleServer, startExampleServer } from './support/example-server.ts';

const PROMPT = 'support/assistant';
const SUITE = 'support/behavioural';
/** The bad live answer the example's scripted model gives until the prompt says otherwise. */
const BAD_CODE = 'ACME-SAVE20';

/**
 * The optimisation loop in the browser (issue 10, "Done when"), against a real `promptops serve`
 * with the example catalog and its scripted model: a live run of the support assistant invents a
 * discount code; a reviewer finds it in the review queue and turns it into an eval case, which fails
 * on the live version; an author runs the suites on a draft (the case fails), edits the prompt until
 * it passes, and proposes; the change request runs the suites on both versions and shows the new
 * case failing on what production serves and passing on the proposal, with the token change.
 * The same steps write docs/screenshots/improvement-*.png.
 */
describe('web UI: from a bad live answer to a better prompt', () => {
  let server: ExampleServer;
  let browser: Browser;
  let candidate = 0;

  beforeAll(async () => {
    server = await startExampleServer(
      [
        { name: 'rita', role: 'reviewer:support/' },
        { name: 'ann', role: 'author:support/' },
      ],
      {
        // Every live run of the assistant goes to the review queue (the example samples 1 in 100).
        async edit(project) {
          const file = join(project, 'prompts/support/assistant.yaml');
          const text = await readFile(file, 'utf8');
          await writeFile(file, text.replace(/^ {2}rate: 0\.01$/m, '  rate: 1'));
        },
      },
    );
    // Production serves v1 and the fragments it includes (break glass, as the admin).
    const parts = await server.api<{ items: { kind: string; name: string; headVersion: number }[] }>(
      '/api/artifacts?limit=500',
    );
    for (const part of parts.items.filter((item) => item.kind !== 'prompt' || item.name === PROMPT)) {
      await server.api('/api/labels', {
        kind: part.kind,
        name: part.name,
        environment: 'production',
        version: part.kind === 'prompt' ? 1 : part.headVersion,
        reason: 'baseline',
      });
    }
    // The live traffic: one ordinary question, and the one the model answers badly.
    for (const message of ['How long do I have to return a lamp?', 'Do you have a discount code for me?']) {
      await server.api('/api/runs', {
        prompt: PROMPT,
        environment: 'production',
        variables: { customer_message: message },
      });
    }
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it(
    'a reviewer turns the bad live answer into an eval case that fails on the live version',
    async () => {
      const { context, page } = await signIn(browser, server.url, 'rita');
      try {
        await page.goto(`/monitoring/${PROMPT}`);
        const queue = page.getByTestId('review-queue');
        const bad = queue.locator('li.sample', { hasText: BAD_CODE });
        await eventually(() => bad.count(), 30_000).toBe(1);
        await bad.getByRole('button', { name: 'Make eval case…' }).click();
        const form = bad.getByTestId('make-case');
        await eventually(() => form.getByLabel('Suite').locator('option').count()).toBeGreaterThan(1);
        await form.getByLabel('Suite').selectOption(SUITE);
        await form
          .getByLabel('What went wrong')
          .fill('Invents a discount code instead of pointing to the offers page');
        await form.getByLabel('Expected instead').selectOption('not-icontains');
        await form.getByLabel('Text', { exact: true }).fill(BAD_CODE);
        await form.getByLabel('Case id (optional)').fill('no-invented-discount-codes');
        await screenshot(page, 'improvement-make-case', true);
        await form.getByRole('button', { name: 'Make eval case' }).click();
        const made = bad.getByTestId('case-made');
        await made.waitFor({ timeout: 60_000 });
        const text = (await made.textContent()) ?? '';
        candidate = Number(/Proposed case #(\d+)/.exec(text)?.[1]);
        expect(candidate).toBeGreaterThan(0);
        await eventually(() => made.getByTestId('case-made-result').textContent(), 60_000).toContain(
          'It fails on v1',
        );
        expect(await made.textContent()).toContain(BAD_CODE);
      } finally {
        await context.close();
      }
    },
    STEP,
  );

  it(
    'an author edits the prompt until the suite passes with the new case, and proposes',
    async () => {
      expect(candidate).toBeGreaterThan(0);
      const { context, page } = await signIn(browser, server.url, 'ann');
      try {
        await page.goto(`/edit/prompt/${PROMPT}`);
        await page.getByTestId('code-editor').waitFor();
        await page.getByTestId('valid').waitFor();
        const panel = page.getByTestId('suites-panel');
        await eventually(() => panel.textContent()).toContain('+1 proposed from production');
        const run = panel.getByRole('button', { name: 'Run suites on the draft' });

        // As it is, the draft gives the bad answer: the new case fails, the suite's own cases pass.
        await run.click();
        const proposed = panel.getByTestId(`proposed-${candidate}`);
        await proposed.waitFor({ timeout: 90_000 });
        expect(await proposed.textContent()).toContain('fail');
        expect(await panel.getByTestId(`suite-${SUITE}`).getByTestId('suite-gate').textContent()).toMatch(
          /^(\d+)\/\1 passed/,
        );

        // The fix: one more guideline; the preview shows it once the server has checked the edit.
        await page.locator('.variables textarea[name="customer_message"]').fill('Any discount codes?');
        await page.getByTestId('code-editor').click();
        await page.keyboard.press('Control+f');
        await page
          .locator('.cm-search input[name="search"]')
          .pressSequentially('do not guess or make up information');
        await page.keyboard.press('Enter');
        await page.keyboard.press('Escape');
        await page.keyboard.type(
          'do not guess or make up information. Never invent discount codes, coupons or offers',
        );
        await eventually(() => page.getByTestId('rendered-prompt').textContent()).toContain(
          'Never invent discount codes',
        );
        await eventually(() => run.isEnabled()).toBe(true);
        await run.click();
        await eventually(() => proposed.textContent(), 90_000).toContain('pass');
        expect(await proposed.textContent()).not.toContain('fail');
        expect(await panel.getByTestId(`suite-${SUITE}`).getByTestId('suite-gate').textContent()).toMatch(
          /^(\d+)\/\1 passed/,
        );
        await screenshot(page, 'improvement-draft-suites', true);

        await page.getByLabel('Changelog message').fill('Never invent discount codes');
        await page.getByRole('button', { name: 'Propose change' }).click();
        await page.waitForURL(/\/changes\/\d+$/);
      } finally {
        await context.close();
      }
    },
    STEP * 2,
  );

  it(
    'the change request shows the new case passing on the proposal and failing on production, and the token change',
    async () => {
      const { context, page } = await signIn(browser, server.url, 'ann');
      try {
        await page.goto('/changes');
        await page.getByRole('link', { name: /Never invent discount codes/ }).click();
        const section = page.getByTestId('change-suites');
        await eventually(() => section.getByTestId('token-change').textContent()).toMatch(
          /Tokens per request: \d+ on v1 \(what production serves\) → \d+ on v2 \(\+\d+, \+\d+\.\d%\)/,
        );
        await section.getByRole('button', { name: 'Run suites on v2 and v1' }).click();
        const row = section.getByTestId(`suite-${SUITE}`).getByTestId(`proposed-${candidate}`);
        await row.waitFor({ timeout: 120_000 });
        // Columns: case, proposed by, v1 (what production serves), v2, why.
        const cells = await row.locator('td').allTextContents();
        expect(cells[0]).toContain('no-invented-discount-codes');
        expect(cells[1]).toBe('rita');
        expect(cells[2]).toBe('fail');
        expect(cells[3]).toBe('pass');
        // The recorded results reach the policy panel: the eval gate of a high-risk change is met.
        await eventually(() => page.getByTestId('policy').textContent()).toContain(SUITE);
        await screenshot(page, 'improvement-change-request', true);
      } finally {
        await context.close();
      }
    },
    STEP * 2,
  );
});
