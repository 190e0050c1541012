import { describe, expect, it } from 'vitest';
import type { CaseOutput, SuiteCase } from '../eval-types.ts';
import { runCases } from './run-cases.ts';

const cases: SuiteCase[] = ['a', 'b', 'c', 'd', 'e'].map((id) => ({
  id,
  variables: { text: id },
  assert: [],
  tags: [],
  source: `suite.yaml:${id}`,
}));
const ok = (text: string): CaseOutput => ({
  output: text,
  status: 'ok',
  latencyMs: 1,
  costUsd: 0,
  verdicts: [],
});
const passIfOk = async (_case: SuiteCase, output: CaseOutput) => ({
  assertions: [],
  score: output.status === 'ok' ? 1 : 0,
  pass: output.status === 'ok',
});

describe('runCases', () => {
  it('never runs more than the concurrency at once, and keeps the cases in order', async () => {
    let running = 0;
    let most = 0;
    const results = await runCases({
      cases,
      concurrency: 2,
      async execute(testCase) {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        return ok(String(testCase.variables.text));
      },
      assess: passIfOk,
    });
    expect(most).toBe(2);
    expect(results.map((result) => [result.caseId, result.pass])).toEqual([
      ['a', true],
      ['b', true],
      ['c', true],
      ['d', true],
      ['e', true],
    ]);
  });

  it('records a timeout and a thrown error as failed outputs, and aborts the slow run', async () => {
    let aborted = false;
    const [slow, broken] = await runCases({
      cases: cases.slice(0, 2),
      timeoutMs: 30,
      execute(testCase, _repeat, signal) {
        if (testCase.id === 'b')
          return Promise.reject(Object.assign(new Error('no key'), { code: 'provider_error' }));
        return new Promise((resolve) => {
          signal.addEventListener('abort', () => {
            aborted = true;
            resolve(ok('late'));
          });
        });
      },
      assess: passIfOk,
    });
    expect(slow?.repeats[0]?.output).toMatchObject({ status: 'failed', error: { code: 'timeout' } });
    expect(aborted).toBe(true);
    expect(broken?.repeats[0]?.output.error).toEqual({ code: 'provider_error', message: 'no key' });
  });

  it('repeats each case and passes it when enough repeats pass', async () => {
    const [flaky] = await runCases({
      cases: cases.slice(0, 1),
      repeat: 4,
      repeatPassRate: 0.75,
      execute: async (_case, repeat) => (repeat === 0 ? { ...ok(''), status: 'blocked' } : ok('fine')),
      assess: passIfOk,
    });
    expect(flaky).toMatchObject({ passRate: 0.75, pass: true });
    expect(flaky?.repeats).toHaveLength(4);
  });

  it('reports progress and the predicted class', async () => {
    const progress: string[] = [];
    const [result] = await runCases({
      cases: [{ ...cases[0]!, expectedClass: 'billing' }],
      execute: async () => ({ ...ok('{"intent":"billing"}'), parsed: { intent: 'billing' } }),
      assess: passIfOk,
      classOf: (output) => (output.parsed as { intent?: string }).intent,
      onProgress: (done, total) => progress.push(`${done}/${total}`),
    });
    expect(result).toMatchObject({ expectedClass: 'billing', predictedClass: 'billing' });
    expect(progress).toEqual(['1/1']);
  });
});
