import { describe, expect, it } from 'vitest';
import {
  checkChainExpression,
  checkChainText,
  evaluateChainExpression,
  isChainTruthy,
  renderChainText,
} from './chain-expression.ts';

const scope = {
  input: { message: 'hi' },
  intent: { parsed: { intent: 'billing', confidence: 0.6 }, output: '{}' },
  info: { parsed: { missing_required: true, questions: ['Which order?'] } },
};

describe('chain expressions', () => {
  it('evaluate conditions and values over the scope', () => {
    expect(
      evaluateChainExpression('intent.parsed.confidence < 0.7 and info.parsed.missing_required', scope),
    ).toEqual({
      ok: true,
      value: true,
    });
    expect(evaluateChainExpression('info.parsed.questions', scope)).toEqual({
      ok: true,
      value: ['Which order?'],
    });
    expect(evaluateChainExpression("'literal'", scope)).toEqual({ ok: true, value: 'literal' });
    expect(evaluateChainExpression('nil', scope)).toEqual({ ok: true, value: null });
    expect(evaluateChainExpression("input.absent | default: 'x'", scope)).toEqual({ ok: true, value: 'x' });
  });

  it('fail as values on absent fields, inherited properties and runaway ranges', () => {
    expect(evaluateChainExpression('intent.parsed.score', scope)).toEqual({
      ok: false,
      message: 'undefined variable: intent.parsed.score',
    });
    expect(evaluateChainExpression('input.constructor', scope).ok).toBe(false);
    expect(evaluateChainExpression('(1..100000000)', scope)).toEqual({
      ok: false,
      message: 'memory alloc limit exceeded',
    });
  });

  it('are refused at load when half of them would be silently ignored', () => {
    for (const text of ['intent.parsed.confidence <', 'a b', 'a or']) {
      expect(checkChainExpression(text)).toMatchObject({
        ok: false,
        message: expect.stringContaining('not one expression'),
      });
    }
    expect(checkChainExpression('x | no_such_filter')).toEqual({
      ok: false,
      message: 'undefined filter: no_such_filter',
    });
  });

  it('list what they read, nested lookups included', () => {
    expect(checkChainExpression('intent.parsed[input.key] == 1')).toEqual({
      ok: true,
      references: [
        { root: 'intent', property: 'parsed', text: 'intent.parsed[input.key]' },
        { root: 'input', property: 'key', text: 'input.key' },
      ],
    });
    expect(checkChainText('{% for q in info.parsed.questions %}{{ q }}{% endfor %}')).toEqual({
      ok: true,
      references: [{ root: 'info', property: 'parsed', text: 'info.parsed.questions' }],
    });
  });

  it('render reasons and follow Liquid truthiness', () => {
    expect(renderChainText('intent {{ intent.parsed.intent }}', scope)).toEqual({
      ok: true,
      value: 'intent billing',
    });
    expect([false, null, undefined, 0, ''].map(isChainTruthy)).toEqual([false, false, false, true, true]);
  });
});
