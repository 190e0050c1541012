import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually as eventuallyWithin,
  launchBrowser,
  PHONE,
  STEP,
  screenshot,
  signIn,
} from './support/browser.ts';
import { type ExampleServer, startExampleServer } from './support/example-server.ts';

const PROMPT = 'support/classify-intent';

/** This page's charts and queues load more per step than the journeys. */
const eventually = <Value>(read: () => Promise<Value>) => eventuallyWithin(read, 20_000);

/** Live traffic: production (v1, stable) and v2 pinned, with an escalation, uncertain answers and a card number. */
const MESSAGES = [
  'I was charged twice for order 1234',
  'Where is my parcel ZX-99812?',
  'hello?',
  'my thing broke',
  // A card number: the input guard redacts it (a guard trigger).
  'My card 4111 1111 1111 1111 was charged twice',
  'What is the capital of France?',
];

const LABELS = ['billing', 'order_tracking', 'billing', 'order_tracking', 'account', 'account'];

/**
 * One classifier case as `promptops test` records it in an eval result's `details.cases` (the web
 * package may not import promptops' code, so the shape is written out here).
 */
function recordedCase(index: number, predicted: string) {
  const expected = LABELS[index]!;
  const pass = predicted === expected;
  return {
    caseId: `intent-${index + 1}`,
    description: `expected: ${expected}`,
    pass,
    passRate: pass ? 1 : 0,
    expectedClass: expected,
    predictedClass: predicted,
    tags: [],
    repeats: [
      {
        score: pass ? 1 : 0,
        pass,
        assertions: [
          {
            type: 'json-path',
            pass,
            score: pass ? 1 : 0,
            weight: 1,
            ...(!pass && { reason: `$.intent is "${predicted}", expected "${expected}"` }),
          },
        ],
        output: {
          output: JSON.stringify({ intent: predicted, confidence: 0.9 }),
          status: 'ok',
          latencyMs: 300 + index * 10,
          costUsd: 0.00012,
          verdicts: [],
        },
      },
    ],
  };
}

/**
 * The evaluations and monitoring pages (issue 8, items 6 and 7) in Debian's chromium against a real
 * `promptops serve` with the example catalog and the scripted model: live runs of two versions and
 * recorded eval results of both are seeded through the API; a reviewer reads the matrix, a case's
 * reasons, the comparison and the confusion matrix, reads the charts and rates a sampled run; a
 * viewer cannot rate. The same steps write docs/screenshots/evaluations*.png and monitoring*.png.
 */
describe('web UI: evaluations and monitoring', () => {
  let server: ExampleServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startExampleServer([
      { name: 'rita', role: 'reviewer:support/' },
      { name: 'vic', role: 'viewer' },
    ]);
    await server.api('/api/labels', {
      name: PROMPT,
      environment: 'production',
      version: 1,
      reason: 'baseline',
    });
    // Production serves the prompt's fragments and example banks too (break glass, as the admin).
    const parts = await server.api<{ items: { kind: string; name: string; headVersion: number }[] }>(
      '/api/artifacts?limit=500',
    );
    for (const fragment of parts.items.filter((item) => item.kind !== 'prompt')) {
      await server.api('/api/labels', {
        kind: fragment.kind,
        name: fragment.name,
        environment: 'production',
        version: fragment.headVersion,
        reason: 'baseline',
      });
    }
    // v2 samples every live run for the review queue (v1 samples 1 in 100).
    const v1 = await server.api<{ version: { content: Record<string, unknown> } }>(
      `/api/artifacts/prompt/${PROMPT}?version=1`,
    );
    const content = v1.version.content;
    await server.api('/api/changes', {
      name: PROMPT,
      environment: 'production',
      title: 'Sample every run',
      content: {
        content: { ...content, sampling: { ...(content.sampling as object), rate: 1 } },
        parentVersion: 1,
      },
    });
    for (const message of MESSAGES) {
      await server.api('/api/runs', {
        prompt: PROMPT,
        environment: 'production',
        variables: { customer_message: message },
      });
    }
    for (const message of MESSAGES.slice(0, 4)) {
      await server.api('/api/runs', { prompt: PROMPT, version: 2, variables: { customer_message: message } });
    }
    // v1 classifies every case right; v2 mistakes both account cases for billing.
    const v1Cases = LABELS.map((label, index) => recordedCase(index, label));
    const v2Cases = LABELS.map((label, index) =>
      recordedCase(index, label === 'account' ? 'billing' : label),
    );
    for (const [version, cases] of [
      [1, v1Cases],
      [2, v2Cases],
    ] as const) {
      await server.api('/api/evals', {
        name: PROMPT,
        version,
        suite: 'support/intents',
        passed: cases.filter((each) => each.pass).length,
        total: cases.length,
        details: { kind: 'unit', passRate: 1, cases },
      });
    }
    // Run records and samples are written in batches off the request path.
    await waitFor(
      async () =>
        (await server.api<{ items: unknown[] }>(`/api/samples?prompt=${PROMPT}&unrated=true`)).items.length >=
        4,
      'four sampled runs of v2 in the review queue',
    );
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it(
    'a reviewer reads the results matrix, a failing case, the comparison and the confusion matrix',
    async () => {
      const { context, page } = await signIn(browser, server.url, 'rita');
      try {
        await page.getByRole('link', { name: 'Evaluations' }).click();
        await page.getByLabel('Prompt').selectOption(PROMPT);
        await page.getByTestId('results-matrix').waitFor();
        const header = await page.getByTestId('results-matrix').locator('thead').textContent();
        expect(header).toContain('v16/6');
        expect(header).toContain('v24/6');
        expect(await page.getByRole('button', { name: /: fail$/ }).count()).toBe(2);
        await page.getByRole('button', { name: 'intent-5 on v2: fail' }).click();
        const detail = page.getByTestId('case-detail');
        await eventually(() => detail.textContent()).toContain('$.intent is "billing", expected "account"');
        expect(await detail.textContent()).toContain('Expected class account, predicted billing');

        const verdict = page.getByTestId('comparison-verdict');
        await eventually(() => verdict.textContent()).toContain('no significant difference (p = 0.5)');
        expect(await page.getByTestId('comparison').textContent()).toContain('Regressions (2)');
        expect(await page.getByTestId('comparison').textContent()).toContain('intent-5');

        const confusion = page.getByTestId('confusion-matrix');
        expect(await confusion.textContent()).toContain('Accuracy 66.7%');
        // account row: two predicted billing, none right.
        const accountRow = confusion.locator('tbody tr', {
          has: page.locator('th', { hasText: /^account$/ }),
        });
        expect(await accountRow.locator('td.count').allTextContents()).toEqual(['0', '2', '0']);
        await screenshot(page, 'evaluations', true);

        // A failed case can become an eval case too. The server reads its variables from the suite
        // file; this seeded case is not in the example's file, so the form says what is missing.
        await page.getByRole('button', { name: 'Make eval case from this failure…' }).click();
        const form = page.getByTestId('make-case');
        await eventually(() => form.getByLabel('Suite').locator('option').count()).toBeGreaterThan(0);
        await form.getByLabel('What went wrong').fill('Reads an account question as billing');
        await form.getByLabel('Expected instead').selectOption('expected_class');
        await form.getByLabel('Class', { exact: true }).fill('account');
        await form.getByRole('button', { name: 'Make eval case' }).click();
        await eventually(() => form.textContent()).toContain("give the case's variables");
        expect(await form.textContent()).toContain('no suite file with that case');
      } finally {
        await context.close();
      }
    },
    STEP,
  );

  it(
    'a reviewer reads the charts, alerts and budgets, and rates a sampled run',
    async () => {
      const { context, page } = await signIn(browser, server.url, 'rita');
      try {
        await page.goto(`/monitoring/${PROMPT}`);
        const summary = page.getByTestId('run-summary');
        await eventually(() => summary.textContent()).toContain('Runs10');
        expect(await summary.textContent()).toMatch(/Escalated\d/);
        expect(await summary.textContent()).toContain('Guard triggers1');
        for (const chart of ['latency', 'errors', 'runs', 'guards', 'cost']) {
          await page.getByTestId(`chart-${chart}`).locator('svg.chart-plot').waitFor();
        }
        // One line per version and arm: production's stable v1 and the pinned v2.
        const legend = await page.getByTestId('chart-runs').locator('.legend').textContent();
        expect(legend).toContain('v1 stable');
        expect(legend).toContain('v2 pinned');
        await eventually(() => page.getByTestId('budgets').textContent()).toContain('folder:support');
        expect(await page.getByTestId('alerts').textContent()).toContain('rules');

        const queue = page.getByTestId('review-queue');
        await queue.locator('.sample').first().waitFor();
        const waiting = await queue.locator('.sample').count();
        expect(waiting).toBeGreaterThanOrEqual(4);
        expect(await queue.getByTestId('rating-needs-role').count()).toBe(0);
        await screenshot(page, 'monitoring', true);

        const first = queue.locator('.sample').first();
        const sampleId = (await first.getAttribute('data-testid'))!.replace('sample-', '');
        await first.getByPlaceholder('Comment (optional)').fill('Right intent, good confidence');
        await first.getByRole('button', { name: 'Good' }).click();
        await eventually(() => queue.locator('.sample').count()).toBe(waiting - 1);
        await queue.getByRole('button', { name: 'Rated' }).click();
        const rated = queue.getByTestId(`sample-${sampleId}`);
        await eventually(() => rated.textContent()).toContain('Rated good by rita');
        expect(await rated.textContent()).toContain('Right intent, good confidence');

        // A good answer becomes a few-shot example through the bank's own review.
        await rated.getByRole('button', { name: 'Propose as example…' }).click();
        const form = rated.getByTestId('propose-example');
        await eventually(() => form.textContent()).toContain('support/intent-examples');
        await form.getByLabel('Notes (optional)').fill('A clear billing message');
        await form.getByRole('button', { name: 'Propose example' }).click();
        const proposed = rated.getByTestId('example-proposed');
        await proposed.waitFor();
        expect(await proposed.textContent()).toMatch(/support\/intent-examples v\d+: change request #\d+/);
        await proposed.getByRole('link', { name: /change request #\d+/ }).click();
        await eventually(() => page.locator('h1').textContent()).toContain('#');
        expect(await page.textContent('body')).toContain('support/intent-examples');
      } finally {
        await context.close();
      }
    },
    STEP,
  );

  it(
    'a viewer reads the review queue but cannot rate',
    async () => {
      const { context, page } = await signIn(browser, server.url, 'vic');
      try {
        await page.goto(`/monitoring/${PROMPT}`);
        const queue = page.getByTestId('review-queue');
        await queue.locator('.sample').first().waitFor();
        await queue.getByTestId('rating-needs-role').waitFor();
        expect(await queue.getByRole('button', { name: 'Good' }).count()).toBe(0);
        expect(await queue.getByRole('button', { name: 'Bad' }).count()).toBe(0);
        // The server refuses it too, whatever the page shows.
        const sampleId = (await queue.locator('.sample').first().getAttribute('data-testid'))!.replace(
          'sample-',
          '',
        );
        const status = await page.evaluate(async (id) => {
          const response = await fetch(`/api/samples/${id}/rating`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ rating: 'bad' }),
          });
          return response.status;
        }, sampleId);
        expect(status).toBe(403);
      } finally {
        await context.close();
      }
    },
    STEP,
  );

  it(
    'both pages read at 390 px wide',
    async () => {
      const { context, page } = await signIn(browser, server.url, 'rita', PHONE);
      try {
        await page.goto(`/monitoring/${PROMPT}`);
        await eventually(() => page.getByTestId('run-summary').textContent()).toContain('Runs10');
        await page.getByTestId('chart-cost').locator('svg.chart-plot').waitFor();
        await page.getByTestId('alerts').locator('details').waitFor();
        await page.getByTestId('budgets').locator('li').first().waitFor();
        await page.getByTestId('review-queue').locator('.sample').first().waitFor();
        await noSidewaysScroll(page);
        await screenshot(page, 'monitoring-390', true);
        await page.goto(`/evaluations/${PROMPT}`);
        await page.getByTestId('results-matrix').waitFor();
        await page.getByTestId('comparison-verdict').waitFor();
        await noSidewaysScroll(page);
        await screenshot(page, 'evaluations-390', true);
      } finally {
        await context.close();
      }
    },
    STEP,
  );
});

/** Polls `ready` (outside a test, where expect.poll cannot) until it holds or 30 s pass. */
async function waitFor(ready: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The page fits the screen's width: nothing but a table's own scroll box is wider. */
async function noSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({
    document: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
  expect(widths.document).toBeLessThanOrEqual(widths.viewport);
}
