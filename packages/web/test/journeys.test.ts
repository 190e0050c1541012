import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, eventually, launchBrowser, PHONE, STEP, screenshot, signIn } from './support/browser.ts';
import { type ExampleServer, startExampleServer } from './support/example-server.ts';

const PROMPT = 'support/classify-intent';

/**
 * The web UI's main journeys (issue 8) in Debian's chromium against a real `promptops serve` with
 * the example catalog: an author finds a prompt, tries it, edits it (a problem is shown in place),
 * sees the draft's preview and proposes; an approver approves; a deployer deploys it as a canary
 * and rolls it back; the audit trail shows each step; a viewer sees no edit or deploy controls.
 * The same steps write the screenshots in docs/screenshots/.
 */
describe('web UI journeys', () => {
  let server: ExampleServer;
  let browser: Browser;
  let changeId: number;

  beforeAll(async () => {
    server = await startExampleServer([
      { name: 'ann', role: 'author:support/' },
      { name: 'rita', role: 'approver:support/' },
      { name: 'dan', role: 'deployer' },
      { name: 'vic', role: 'viewer' },
    ]);
    // Production serves v1 already (break glass, as the admin), so the new version can be a canary.
    await server.api('/api/labels', {
      name: PROMPT,
      environment: 'production',
      version: 1,
      reason: 'baseline',
    });
    // An eval result on v1, as CI records it, for the catalog's latest scores.
    await server.api('/api/evals', {
      name: PROMPT,
      version: 1,
      suite: 'support/intents',
      passed: 47,
      total: 50,
    });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it(
    'an author finds a prompt, tries it, edits it and proposes the change',
    async () => {
      const { context, page } = await signIn(browser, server.url, 'ann');
      try {
        await eventually(() => page.getByTestId('whoami').textContent()).toContain('ann');
        await eventually(() => page.locator('.artifact').count()).toBeGreaterThan(5);
        await eventually(() => page.locator('.artifact-list').textContent()).toContain('intents 94%');
        await page.getByLabel('Search').fill('intent classifier');
        await eventually(() => page.locator('.artifact').count()).toBe(1);
        await page.getByRole('link', { name: PROMPT, exact: true }).waitFor();
        await eventually(() => page.locator('.artifact').first().textContent()).toContain('production v1');
        await page.getByLabel('Search').fill('');
        await eventually(() => page.locator('.artifact').count()).toBeGreaterThan(5);

        await page.getByRole('link', { name: PROMPT, exact: true }).click();
        await page.getByRole('heading', { name: PROMPT }).waitFor();
        // The catalog fields: the newest eval per suite, and no change request has reached production yet.
        const metadata = page.getByLabel('Catalog metadata');
        await eventually(() => metadata.textContent()).toContain('support/intents 47/50 (94.0%)');
        expect(await metadata.textContent()).toContain('Cycle time to production—');
        // The preview renders with the schema's defaults; the required message is filled in the form.
        await page.locator('textarea[name="customer_message"]').fill('Where is my order A-1234? It is late.');
        await eventually(() => page.getByTestId('rendered-prompt').textContent()).toContain(
          'Where is my order A-1234',
        );
        expect(await page.getByTestId('token-estimate').textContent()).toMatch(/≈ [\d,]+ tokens/);
        await page.getByRole('button', { name: 'Try it' }).click();
        await page.getByTestId('run-result').waitFor();
        const result = await page.getByTestId('run-result').textContent();
        expect(result).toContain('ok');
        expect(result).toContain('order_tracking');
        expect(result).toMatch(/Latency\d+ ms/);
        expect(result).toContain('$'); // a priced model: the cost is shown, never a silent 0
        await screenshot(page, 'prompt', true);

        await page.getByRole('button', { name: 'Edit' }).click();
        await page.getByTestId('code-editor').waitFor();
        await page.getByTestId('valid').waitFor();
        // A typo is shown in place, with its line, and blocks proposing.
        const editor = page.getByTestId('code-editor');
        await editor.click();
        await page.keyboard.press('Control+Home');
        await page.keyboard.type('ownr: typo\n');
        await eventually(() => page.getByTestId('validation').textContent()).toContain('line 1');
        expect(await page.getByTestId('validation').textContent()).toContain('ownr');
        await page.locator('.cm-lintRange-error').first().waitFor();
        expect(await page.getByRole('button', { name: 'Propose change' }).isDisabled()).toBe(true);
        await screenshot(page, 'editor-problem');
        await page.keyboard.press('Control+Home');
        await page.keyboard.press('Shift+ArrowDown');
        await page.keyboard.press('Delete');
        await page.getByTestId('valid').waitFor();

        // The real edit: find the system prompt's first sentence and change it.
        await page.keyboard.press('Control+f');
        // Typed, not filled: the search panel reads its field on key events.
        await page
          .locator('.cm-search input[name="search"]')
          .pressSequentially('You are a customer intent classifier');
        await page.keyboard.press('Enter');
        await page.keyboard.press('Escape');
        await page.keyboard.type('You are a careful customer intent classifier');
        await page.locator('.variables textarea[name="customer_message"]').fill('My parcel never arrived');
        await eventually(() => page.getByTestId('rendered-prompt').textContent()).toContain(
          'You are a careful customer intent classifier',
        );
        expect(await page.getByTestId('rendered-prompt').textContent()).toContain('My parcel never arrived');
        await page.getByLabel('Changelog message').fill('Ask the classifier to be careful');
        await screenshot(page, 'editor');
        await page.getByRole('button', { name: 'Propose change' }).click();

        await page.waitForURL(/\/changes\/\d+$/);
        changeId = Number(page.url().split('/').at(-1));
        await page.getByRole('heading', { name: /Ask the classifier to be careful/ }).waitFor();
        const policy = await page.getByTestId('policy').textContent();
        expect(policy).toContain('Needs 1 more approval (0 of 1) from reviewer or approver, not the author');
        // The author may not approve their own change.
        expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
        await eventually(() => page.getByTestId('side-by-side-diff').textContent()).toContain('careful');
      } finally {
        await context.close();
      }
    },
    STEP,
  );

  it(
    'an approver reviews the diff against production and approves with a reason',
    async () => {
      const { context, page } = await signIn(browser, server.url, 'rita');
      try {
        await page.getByRole('link', { name: 'Reviews' }).click();
        await page.getByRole('link', { name: 'Ask the classifier to be careful' }).click();
        await page.waitForURL(new RegExp(`/changes/${changeId}$`));
        const diff = page.getByTestId('side-by-side-diff');
        await eventually(() => diff.locator('.removed').first().textContent()).toContain(
          'You are a customer intent',
        );
        expect(await diff.locator('.added').first().textContent()).toContain(
          'You are a careful customer intent',
        );
        await screenshot(page, 'review', true);
        // No deploy for an approver: that is the deployer's.
        expect(await page.getByRole('button', { name: 'Deploy…' }).count()).toBe(0);

        await page.getByRole('button', { name: 'Approve' }).click();
        const dialog = page.getByRole('dialog', { name: `Approve #${changeId}` });
        // The medium tier needs a reason: the form will not submit without one.
        await dialog.getByRole('button', { name: 'Approve' }).click();
        expect(await dialog.isVisible()).toBe(true);
        await dialog.getByLabel('Reason').fill('Wording is clearer; eval unaffected');
        await dialog.getByRole('button', { name: 'Approve' }).click();
        await page.getByText(`Change #${changeId} approved.`).waitFor();
        // The prompt's versions: the changelog, and any two side by side.
        await page.getByRole('link', { name: PROMPT }).first().click();
        await page.getByRole('tab', { name: 'Versions & diff' }).click();
        await page.getByRole('cell', { name: 'Ask the classifier to be careful' }).waitFor();
        await eventually(() => page.getByTestId('side-by-side-diff').textContent()).toContain('careful');
        await screenshot(page, 'versions', true);
        await page.goto(`/changes/${changeId}`);
        await eventually(() => page.getByTestId('policy').textContent()).toContain(
          'Approved: a deployer can deploy it.',
        );
        expect(await page.locator('.timeline').textContent()).toContain(
          'Wording is clearer; eval unaffected',
        );
      } finally {
        await context.close();
      }
    },
    STEP,
  );

  it(
    'a deployer deploys it as a canary, then rolls back with a reason',
    async () => {
      const { context, page } = await signIn(browser, server.url, 'dan');
      try {
        // The prompt's deployments page points at the approved change waiting for a deployer.
        await page.goto(`/deployments/prompt/${PROMPT}`);
        await page
          .getByTestId('ready-to-deploy')
          .getByRole('link', { name: `#${changeId} v2 → production` })
          .click();
        await page.waitForURL(new RegExp(`/changes/${changeId}$`));
        await page.getByRole('button', { name: 'Deploy…' }).click();
        const dialog = page.getByRole('dialog', { name: /Deploy v2 to production/ });
        await dialog.getByLabel('Canary percent').fill('25');
        await dialog.getByLabel('Reason').fill('Start small');
        await dialog.getByRole('button', { name: 'Deploy as 25% canary' }).click();
        await page.getByText('Deployed as a canary taking 25% of production.').waitFor();

        await page.getByRole('link', { name: PROMPT }).first().click();
        await page.getByRole('button', { name: 'Deploy…' }).click();
        const production = page.getByTestId('environment-production');
        await eventually(() => production.textContent()).toContain('production v1 · canary v2 25%');
        await production.getByRole('button', { name: 'Roll back…' }).waitFor();
        expect(await production.getByRole('slider').inputValue()).toBe('25');
        await screenshot(page, 'deployments', true);

        // An A/B experiment on the canary: the goal is tested only at its fixed horizon.
        await page.getByRole('button', { name: 'Start an experiment…' }).click();
        const start = page.getByTestId('start-experiment');
        await start.getByLabel('Goal metric').selectOption('escalation-rate');
        await start.getByLabel(/Samples per arm/).fill('200');
        await start.getByLabel('Reason').fill('Does the careful wording escalate less?');
        await start.getByRole('button', { name: 'Start experiment' }).click();
        const experiments = page.getByTestId('experiments-table');
        await eventually(() => experiments.textContent()).toContain('escalation-rate (lower is better)');
        const row = experiments.locator('tbody tr').first();
        expect(await row.textContent()).toContain('running');
        expect(await row.textContent()).toContain('200 per arm');
        await row.getByRole('button', { name: 'Stop…' }).click();
        const stop = page.getByRole('dialog', { name: /Stop experiment #\d+\?/ });
        await stop.getByLabel('Reason').fill('Rolling the canary back');
        await stop.getByRole('button', { name: 'Stop experiment' }).click();
        await eventually(() => row.textContent()).toContain('stopped');

        await production.getByRole('button', { name: 'Roll back…' }).click();
        const confirm = page.getByRole('dialog', { name: 'Roll back production?' });
        expect(await confirm.textContent()).toContain(
          'This stops the canary (v2): every request goes back to v1.',
        );
        await confirm.getByLabel('Reason').fill('Escalations up in the canary');
        await confirm.getByRole('button', { name: 'Roll back' }).click();
        await page.getByText('production rolled back.').waitFor();
        await eventually(() => production.textContent()).not.toContain('canary v2');
        await eventually(() => page.getByTestId('deployment-history').textContent()).toContain(
          'Escalations up in the canary',
        );

        await page.getByRole('link', { name: 'Audit' }).click();
        const entries = page.getByTestId('audit-entries');
        await eventually(() => entries.textContent()).toContain('Escalations up in the canary');
        const text = await entries.textContent();
        for (const action of ['change-propose', 'change-approve', 'canary-set', 'deployment-rollback']) {
          expect(text).toContain(action);
        }
        expect(text).toContain('Wording is clearer; eval unaffected');
        await eventually(() => page.getByTestId('audit-verify').textContent()).toContain('chain verified');
        await screenshot(page, 'audit');
      } finally {
        await context.close();
      }
    },
    STEP,
  );

  it(
    'a viewer sees no edit, review or deploy controls',
    async () => {
      const { context, page } = await signIn(browser, server.url, 'vic');
      try {
        // The catalog after the journeys: environments, the eval score, the runs of the last day.
        await eventually(() => page.locator('.artifact').count()).toBeGreaterThan(5);
        await eventually(() => page.locator('.artifact-list').textContent()).not.toContain('…');
        await eventually(() => page.locator('.artifact-list').textContent()).toContain('1 run / 24 h');
        // production serves v1 again: its eval score is the one shown.
        expect(await page.locator('.artifact-list').textContent()).toContain('intents 94%');
        await screenshot(page, 'catalog');

        await page.goto(`/prompts/${PROMPT}`);
        await page.getByRole('heading', { name: PROMPT }).waitFor();
        await page.getByRole('button', { name: 'Deployments' }).waitFor();
        expect(await page.getByRole('button', { name: 'Edit' }).count()).toBe(0);
        expect(await page.getByRole('button', { name: 'Deploy…' }).count()).toBe(0);

        await page.getByRole('button', { name: 'Deployments' }).click();
        await page.getByTestId('environment-production').waitFor();
        await page.getByTestId('deployment-history').waitFor();
        for (const name of ['Roll back…', 'Promote canary']) {
          expect(await page.getByRole('button', { name }).count(), name).toBe(0);
        }
        expect(await page.getByRole('slider').count()).toBe(0);

        await page.goto(`/changes/${changeId}`);
        await page.getByTestId('policy').waitFor();
        expect(await page.getByTestId('change-actions').locator('button').count()).toBe(0);
        expect(await page.getByRole('button', { name: 'Add comment' }).count()).toBe(0);

        await page.goto(`/edit/prompt/${PROMPT}`);
        await page.getByText('You may read this file but not propose changes').waitFor();
        expect(await page.getByRole('button', { name: 'Propose change' }).count()).toBe(0);
      } finally {
        await context.close();
      }
    },
    STEP,
  );

  it(
    'reads at 390 px wide',
    async () => {
      const { context, page } = await signIn(browser, server.url, 'ann', PHONE);
      try {
        await eventually(() => page.locator('.artifact').count()).toBeGreaterThan(5);
        await noSidewaysScroll(page);
        await screenshot(page, 'catalog-390');
        await page.goto(`/changes/${changeId}`);
        await page.getByTestId('policy').waitFor();
        await page.getByTestId('side-by-side-diff').waitFor();
        await noSidewaysScroll(page);
        await screenshot(page, 'review-390', true);
      } finally {
        await context.close();
      }
      expect(DESKTOP.width).toBe(1280);
    },
    STEP,
  );
});

/** The page fits the screen's width: nothing to scroll sideways (tables scroll inside their own box). */
async function noSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    screen: window.innerWidth,
  }));
  expect(widths.page).toBeLessThanOrEqual(widths.screen);
}
