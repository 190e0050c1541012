import { describe, expect, it } from 'vitest';
import type { RunRecordRow } from '../../store/index.ts';
import { caseOutputOfRecord } from './case-output-of-record.ts';
import { scoreSample } from './score-sample.ts';

function record(extra: Partial<RunRecordRow> = {}): RunRecordRow {
  return {
    id: 'run-1',
    status: 'ok',
    latencyMs: 840,
    model: 'openai/gpt-4o',
    cost: 0.002,
    currency: 'USD',
    fallbacks: [],
    verdicts: [{ guard: 'customer-facing/pii', stage: 'output', action: 'redact', reason: 'payment card' }],
    errorCode: null,
    errorMessage: null,
    redactedOutput: 'Your card [PAYMENT_CARD] is on file. Globex is cheaper.',
    ...extra,
  } as RunRecordRow;
}

const judgeSaying = (answer: unknown) => async () => JSON.stringify(answer);

describe('caseOutputOfRecord', () => {
  it('is what assertions see of a live run: the redacted output, status, latency, cost and verdicts', () => {
    expect(caseOutputOfRecord(record())).toEqual({
      output: 'Your card [PAYMENT_CARD] is on file. Globex is cheaper.',
      status: 'ok',
      latencyMs: 840,
      costUsd: 0.002,
      verdicts: [{ guard: 'customer-facing/pii', stage: 'output', action: 'redact', reason: 'payment card' }],
    });
  });

  it('costs $0 when no model was called, and unknown (null) when the price is', () => {
    expect(caseOutputOfRecord(record({ model: null, cost: null, status: 'blocked' })).costUsd).toBe(0);
    expect(caseOutputOfRecord(record({ cost: null, currency: null })).costUsd).toBeNull();
    expect(caseOutputOfRecord(record({ cost: 0.4, currency: 'EUR' })).costUsd).toBeNull();
  });

  it('carries a failed run’s error, and an empty output when none was kept', () => {
    const failed = caseOutputOfRecord(
      record({
        status: 'failed',
        errorCode: 'provider_timeout',
        errorMessage: 'no answer',
        redactedOutput: null,
      }),
    );
    expect(failed).toMatchObject({ output: '', error: { code: 'provider_timeout', message: 'no answer' } });
  });
});

describe('scoreSample', () => {
  it('grades the online assertions as an eval case and asks the judge about the rubric', async () => {
    const scored = await scoreSample(
      record(),
      {
        assert: [
          { type: 'not-icontains', value: 'globex' },
          { type: 'max-words', value: 50 },
          { type: 'guard', value: { stage: 'output', action: 'redact' } },
        ],
        rubric: 'Talks only about Acme.',
      },
      { judge: judgeSaying({ pass: false, score: 0.25, reason: 'mentions a competitor' }) },
    );
    expect(scored).toMatchObject({ pass: false, score: 2 / 3, judgeError: null });
    expect(scored.assertions.map((result) => result.pass)).toEqual([false, true, true]);
    expect(scored.judge).toEqual({
      pass: false,
      score: 0.25,
      reason: expect.stringContaining('mentions a competitor'),
    });
  });

  it('leaves what it cannot measure unmeasured: no assertions, no judge, a judge that talks in prose', async () => {
    expect(await scoreSample(record(), {}, {})).toEqual({
      pass: null,
      score: null,
      assertions: [],
      judge: null,
      judgeError: null,
    });
    const withoutJudge = await scoreSample(record(), { rubric: 'Polite.' }, {});
    expect(withoutJudge.judge).toEqual({ unmeasured: 'no judge model configured' });
    const prose = await scoreSample(
      record(),
      { rubric: 'Polite.' },
      { judge: async () => 'Looks fine to me.' },
    );
    expect(prose.judge).toEqual({ unmeasured: expect.stringContaining('judge answered') });
    // Only unmeasured assertions: the sample says nothing either way.
    const unmeasured = await scoreSample(
      record({ cost: null, currency: null }),
      { assert: [{ type: 'cost', value: 1 }] },
      {},
    );
    expect(unmeasured).toMatchObject({ pass: null, score: null });
  });

  it('tells a judge that threw from one that answered, so the worker can try again', async () => {
    const scored = await scoreSample(
      record(),
      { assert: [{ type: 'max-words', value: 50 }], rubric: 'Polite.' },
      {
        judge: async () => {
          throw new Error('HTTP 503');
        },
      },
    );
    expect(scored).toMatchObject({
      pass: true,
      judgeError: 'HTTP 503',
      judge: { unmeasured: 'judge failed: HTTP 503' },
    });
  });
});
