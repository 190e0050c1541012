import { describe, expect, it } from 'vitest';
import type { AssertionServices } from '../eval-types.ts';
import { MAX_REASON_CHARS } from './describe-value.ts';
import { evaluateAssertion, evaluateAssertions } from './evaluate-assertion.ts';
import { caseOutput } from './test-fixtures.ts';

const output = caseOutput({ output: 'Your refund was issued. Anything else?' });
const noJudge: AssertionServices = {};
const nonsenseJudge: AssertionServices = { judge: async () => 'hmm' };

describe('evaluateAssertion', () => {
  it('carries the type and weight through, with no reason on a pass', async () => {
    expect(
      await evaluateAssertion({ type: 'contains', value: 'refund', weight: 3 }, output, noJudge),
    ).toEqual({
      type: 'contains',
      pass: true,
      score: 1,
      weight: 3,
    });
  });

  it('an invalid spec fails with its problem instead of throwing or passing', async () => {
    expect(await evaluateAssertion({ type: 'contians', value: 'x' }, output, noJudge)).toEqual({
      type: 'contians',
      pass: false,
      score: 0,
      weight: 1,
      reason: 'invalid assertion: type "contians" is unknown; did you mean "contains"?',
    });
  });

  it('reasons stay short however long the output is', async () => {
    const long = caseOutput({ output: `${'word '.repeat(5000)}END` });
    for (const spec of [
      { type: 'equals', value: 'x'.repeat(500) },
      { type: 'contains', value: ['y'.repeat(300), 'z'] },
      { type: 'not-contains', value: 'END' },
      { type: 'regex', value: '^x' },
      { type: 'is-json' },
      { type: 'is-refusal' },
    ]) {
      const result = await evaluateAssertion(spec, long, noJudge);
      expect(result.pass).toBe(false);
      expect(result.reason?.length).toBeLessThanOrEqual(MAX_REASON_CHARS);
    }
  });

  it('applies text assertions to the rendered fragment when there is no model output', async () => {
    const rendered = caseOutput({ output: '', rendered: 'You are a friendly support agent for Acme.' });
    expect((await evaluateAssertion({ type: 'icontains', value: 'acme' }, rendered, noJudge)).pass).toBe(
      true,
    );
    expect((await evaluateAssertion({ type: 'max-words', value: 10 }, rendered, noJudge)).pass).toBe(true);
    expect((await evaluateAssertion({ type: 'no-pii' }, rendered, noJudge)).pass).toBe(true);
    const withOutput = caseOutput({ output: 'Hi', rendered: 'You are a friendly support agent for Acme.' });
    expect((await evaluateAssertion({ type: 'icontains', value: 'acme' }, withOutput, noJudge)).pass).toBe(
      false,
    );
  });
});

describe('evaluateAssertions', () => {
  it('passes when every measured assertion passes', async () => {
    const grade = await evaluateAssertions(
      [
        { type: 'contains', value: 'refund' },
        { type: 'max-words', value: 20 },
      ],
      output,
      noJudge,
    );
    expect(grade).toMatchObject({ score: 1, pass: true, unmeasured: 0 });
  });

  it('weights the score; without a threshold one failure fails the case', async () => {
    const grade = await evaluateAssertions(
      [
        { type: 'contains', value: 'refund', weight: 3 },
        { type: 'max-words', value: 2 },
      ],
      output,
      noJudge,
    );
    expect(grade.score).toBe(0.75);
    expect(grade.pass).toBe(false);
    expect(grade.results.map((result) => result.pass)).toEqual([true, false]);
  });

  it('a suite threshold lets a case pass on a partial score', async () => {
    const specs = [
      { type: 'contains', value: 'refund', weight: 3 },
      { type: 'max-words', value: 2 },
    ];
    expect((await evaluateAssertions(specs, output, noJudge, { threshold: 0.75 })).pass).toBe(true);
    expect((await evaluateAssertions(specs, output, noJudge, { threshold: 0.8 })).pass).toBe(false);
  });

  it('leaves unmeasured assertions out of the score', async () => {
    const grade = await evaluateAssertions(
      [
        { type: 'contains', value: 'refund' },
        { type: 'llm-rubric', value: 'Is polite', weight: 5 },
        { type: 'cost', value: 0.01 },
      ],
      caseOutput({ output: output.output, costUsd: null }),
      nonsenseJudge,
    );
    expect(grade).toMatchObject({ score: 1, pass: true, unmeasured: 2 });
    expect(grade.results[1]).toMatchObject({ pass: null, reason: 'judge answered "hmm"' });
  });

  it('fails a case where nothing could be measured', async () => {
    const grade = await evaluateAssertions([{ type: 'llm-rubric', value: 'Is polite' }], output, noJudge);
    expect(grade).toMatchObject({ score: 0, pass: false, unmeasured: 1 });
    expect((await evaluateAssertions([], output, noJudge)).pass).toBe(false);
  });

  it('weight 0 reports without counting; only weight-0 results cannot pass a case', async () => {
    const grade = await evaluateAssertions(
      [
        { type: 'contains', value: 'refund' },
        { type: 'max-words', value: 2, weight: 0 },
      ],
      output,
      noJudge,
    );
    expect(grade).toMatchObject({ score: 1, pass: true });
    expect(
      (await evaluateAssertions([{ type: 'max-words', value: 20, weight: 0 }], output, noJudge)).pass,
    ).toBe(false);
  });

  it('a passing scored assertion passes the case though its score is below 1', async () => {
    const judge: AssertionServices = { judge: async () => '{"pass": true, "score": 0.8}' };
    const grade = await evaluateAssertions([{ type: 'llm-rubric', value: 'Is polite' }], output, judge);
    expect(grade).toMatchObject({ score: 0.8, pass: true });
    expect(
      (
        await evaluateAssertions([{ type: 'llm-rubric', value: 'Is polite' }], output, judge, {
          threshold: 0.9,
        })
      ).pass,
    ).toBe(false);
  });

  it('a negated scored assertion counts 1 - score', async () => {
    const judge: AssertionServices = { judge: async () => '{"pass": false, "score": 0.25}' };
    const grade = await evaluateAssertions([{ type: 'not-llm-rubric', value: 'Is rude' }], output, judge);
    expect(grade).toMatchObject({ score: 0.75, pass: true });
  });
});
