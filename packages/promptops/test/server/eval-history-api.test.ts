import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseResult } from '../../src/evaluation/eval-types.ts';
import { RECORDED_OUTPUT_CHARS, recordedCases } from '../../src/evaluation/reports/index.ts';
import { addUser, apiClient } from './api-client.ts';
import { type ServerFixture, startServerFixture } from './server-fixture.ts';

const FAST = 'support/fast-answer';

/** A classifier case: the output names `predicted`; it passes when that is `expected`. */
function caseResult(caseId: string, expected: string, predicted: string, output = predicted): CaseResult {
  const pass = expected === predicted;
  return {
    caseId,
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
            type: 'equals',
            pass,
            score: pass ? 1 : 0,
            weight: 1,
            ...(!pass && { reason: `expected ${expected}, got ${predicted}` }),
          },
        ],
        output: { output, status: 'ok', latencyMs: 40, costUsd: 0.0001, verdicts: [] },
      },
    ],
  };
}

const LABELS = ['refund', 'shipping', 'refund', 'shipping', 'refund', 'shipping', 'refund', 'shipping'];
/** v1 gets every case right; v2 calls every refund shipping (four regressions). */
const V1 = LABELS.map((label, index) => caseResult(`case-${index}`, label, label));
const V2 = LABELS.map((label, index) =>
  caseResult(`case-${index}`, label, 'shipping', index === 0 ? 'x'.repeat(5000) : 'shipping'),
);

/**
 * The evaluations page's reads: a prompt's recorded results per suite and version with their cases
 * and confusion matrix (`GET /api/eval-history`), and two versions compared from what was recorded
 * (`GET /api/eval-comparison`), as `promptops compare` would.
 */
describe('eval history and stored comparisons over HTTP', () => {
  let fixture: ServerFixture;
  const { expectStatus, expectError } = apiClient(() => fixture);

  const record = (version: number, results: CaseResult[] | undefined, passed: number) =>
    expectStatus(201, '/api/evals', {
      as: 'admin',
      body: {
        name: FAST,
        version,
        suite: 'support/intents',
        passed,
        total: 8,
        details: { kind: 'unit', ...(results && { cases: recordedCases(results) }) },
      },
    });

  beforeAll(async () => {
    fixture = await startServerFixture();
    await addUser(fixture, 'viv-support', [{ role: 'viewer', prefix: 'support/' }]);
    const artifact = await expectStatus(200, `/api/artifacts/prompt/${FAST}?version=1`, { as: 'alice' });
    await expectStatus(201, '/api/changes', {
      as: 'alice',
      body: {
        name: FAST,
        environment: 'production',
        title: 'v2',
        content: { content: { ...artifact.version.content, description: 'Shorter.' }, parentVersion: 1 },
      },
    });
    await record(1, undefined, 7); // an older result of v1 without cases: the newer one counts
    await record(1, V1, 8);
    await record(2, V2, 4);
    await expectStatus(201, '/api/evals', {
      as: 'admin',
      body: { name: FAST, version: 2, suite: 'support/by-hand', passed: 1, total: 2 },
    });
  });
  afterAll(() => fixture?.close());

  it('lists per suite and version the result that counts, with its cases and confusion matrix', async () => {
    const history = await expectStatus(200, `/api/eval-history/prompt/${FAST}`, { as: 'viv-support' });
    expect(history.suites.map((suite: { suite: string }) => suite.suite)).toEqual([
      'support/by-hand',
      'support/intents',
    ]);
    const [byHand, intents] = history.suites;
    expect(byHand.versions).toEqual([
      expect.objectContaining({ version: 2, cases: null, classification: null }),
    ]);
    expect(
      intents.versions.map((entry: { version: number; passed: number }) => [entry.version, entry.passed]),
    ).toEqual([
      [1, 8],
      [2, 4],
    ]);
    const v2 = intents.versions[1];
    expect(v2.cases).toHaveLength(8);
    expect(v2.cases[1].repeats[0].assertions[0].reason).toBeUndefined();
    expect(v2.cases[2].repeats[0].assertions[0].reason).toBe('expected refund, got shipping');
    expect(v2.cases[0].repeats[0].output.output).toHaveLength(RECORDED_OUTPUT_CHARS);
    expect(v2.classification.confusion).toEqual({
      labels: ['refund', 'shipping'],
      matrix: [
        [0, 4],
        [0, 4],
      ],
    });
  });

  it('compares two recorded versions: regressions and McNemar on the pass rate', async () => {
    const result = await expectStatus(
      200,
      `/api/eval-comparison/prompt/${FAST}?suite=support/intents&a=1&b=2`,
      { as: 'viv-support' },
    );
    expect(result.a).toMatchObject({ version: 1, passed: 8 });
    expect(result.comparison.regressions.map((change: { caseId: string }) => change.caseId)).toEqual([
      'case-0',
      'case-2',
      'case-4',
      'case-6',
    ]);
    expect(result.comparison.passRate.test.pValue).toBeCloseTo(0.125, 6);
    expect(result.comparison.passRate.significant).toBe(false);
    expect(result.comparison.classification.difference).toBe(-0.5);
  });

  it('says why two versions cannot be compared, and refuses a caller without a grant', async () => {
    const missing = await expectError(
      400,
      'invalid_argument',
      `/api/eval-comparison/prompt/${FAST}?suite=support/intents&a=1&b=3`,
      { as: 'viv-support' },
    );
    expect(missing.details.parameter).toBe('b');
    const noCases = await expectError(
      400,
      'invalid_argument',
      `/api/eval-comparison/prompt/${FAST}?suite=support/by-hand&a=2&b=2`,
      { as: 'viv-support' },
    );
    expect(noCases.message).toContain('no per-case results');
    await expectError(403, 'forbidden', `/api/eval-history/prompt/${FAST}`, { as: 'viv' });
    await expectError(403, 'forbidden', `/api/eval-comparison/prompt/${FAST}?suite=s&a=1&b=2`, { as: 'viv' });
  });
});
