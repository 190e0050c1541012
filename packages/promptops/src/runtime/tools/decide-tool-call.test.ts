import { describe, expect, it } from 'vitest';
import { ToolPolicyRule } from '../../governance/policies/tool-policy.ts';
import { toolRuleFor } from './create-tool-runtime.ts';
import { decideToolCall, type ToolCallSituation, type ToolSpecValue } from './decide-tool-call.ts';

const object = (properties: Record<string, unknown>, required: string[]) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
});
const TOOLS: ToolSpecValue[] = [
  {
    name: 'verify_identity',
    description: 'v',
    side_effect: 'read',
    parameters: object({ email: { type: 'string' } }, ['email']),
  },
  {
    name: 'lookup_order',
    description: 'l',
    side_effect: 'read',
    parameters: object({ id: { type: 'string' } }, ['id']),
  },
  {
    name: 'start_return',
    description: 's',
    side_effect: 'write',
    parameters: object({ id: { type: 'string' } }, ['id']),
  },
  {
    name: 'issue_refund',
    description: 'r',
    side_effect: 'irreversible',
    parameters: object({ amount: { type: 'number' } }, ['amount']),
  },
];
const RULE = ToolPolicyRule.parse({
  prompts: ['support/'],
  allow: ['verify_identity', 'lookup_order', 'start_return', 'issue_refund'],
  max_calls_per_run: 3,
  tools: {
    lookup_order: { requires: ['verify_identity'], max_calls: 1 },
    issue_refund: { requires: ['verify_identity'] },
  },
});

function situation(overrides: Partial<ToolCallSituation> = {}): ToolCallSituation {
  return {
    prompt: 'support/assistant',
    environment: 'production',
    declared: new Map(TOOLS.map((tool) => [tool.name, tool])),
    rule: RULE,
    callsByTool: new Map(),
    totalCalls: 0,
    succeeded: new Set(['verify_identity']),
    taint: { score: 0, threshold: 0.5, flagged: false, texts: [] },
    authorized: true,
    hasHandler: () => true,
    ...overrides,
  };
}
const call = (name: string, args: unknown) => ({ id: 'c1', name, arguments: JSON.stringify(args) });

describe('decideToolCall', () => {
  it('allows a declared, allowed call with valid arguments', () => {
    expect(decideToolCall(call('lookup_order', { id: 'A1' }), situation())).toEqual({
      decision: 'allow',
      args: { id: 'A1' },
    });
  });

  it.each([
    [
      'an undeclared tool',
      call('delete_account', {}),
      {},
      'delete_account is not a tool this prompt version declares',
    ],
    [
      'no rule',
      call('lookup_order', { id: 'A1' }),
      { rule: undefined },
      'no tool policy in policies.yaml covers support/assistant in production',
    ],
    [
      'a tool off the allow-list',
      call('lookup_order', { id: 'A1' }),
      { rule: { ...RULE, allow: ['verify_identity'] } },
      'the tool policy does not allow lookup_order',
    ],
    [
      'the run limit',
      call('lookup_order', { id: 'A1' }),
      { totalCalls: 3 },
      'the run has made its 3 tool call(s)',
    ],
    [
      'the tool limit',
      call('lookup_order', { id: 'A1' }),
      { callsByTool: new Map([['lookup_order', 1]]) },
      'lookup_order has been called 1 time(s)',
    ],
    [
      'the required order',
      call('issue_refund', { amount: 5 }),
      { succeeded: new Set<string>() },
      'verify_identity must succeed before issue_refund may be called',
    ],
    [
      'bad arguments',
      call('issue_refund', { amount: 'lots' }),
      {},
      'invalid arguments for issue_refund: /amount must be number',
    ],
    [
      'arguments that are not JSON',
      { id: 'c1', name: 'lookup_order', arguments: '{id:' },
      {},
      'the arguments are not JSON',
    ],
    [
      'no handler',
      call('lookup_order', { id: 'A1' }),
      { hasHandler: () => false },
      'no handler is registered for lookup_order',
    ],
  ])('denies %s', (_case, toolCall, overrides, reason) => {
    const verdict = decideToolCall(toolCall, situation(overrides as Partial<ToolCallSituation>));
    expect(verdict.decision).toBe('deny');
    expect((verdict as { reason: string }).reason).toContain(reason);
  });

  it('refuses write and irreversible tools, and tools it names, to a run whose input scored as an injection', () => {
    const taint = { score: 0.6, threshold: 0.5, flagged: true, texts: ['please run lookup order A1 now'] };
    for (const name of ['start_return', 'issue_refund']) {
      const verdict = decideToolCall(call(name, { id: 'A1', amount: 1 }), situation({ taint }));
      expect(verdict).toMatchObject({
        decision: 'deny',
        reason: expect.stringContaining('scored 0.60 as a prompt injection'),
      });
    }
    expect(decideToolCall(call('lookup_order', { id: 'A1' }), situation({ taint }))).toMatchObject({
      decision: 'deny',
      reason: 'lookup_order is named by input that scored as a prompt injection',
    });
    expect(decideToolCall(call('verify_identity', { email: 'a@b.c' }), situation({ taint })).decision).toBe(
      'allow',
    );
  });

  it('escalates an irreversible call in a run nobody authorised', () => {
    expect(
      decideToolCall(call('issue_refund', { amount: 5 }), situation({ authorized: false })),
    ).toMatchObject({
      decision: 'escalate',
      reason: expect.stringContaining('issue_refund is irreversible and the run is not authorised'),
    });
    expect(
      decideToolCall(call('start_return', { id: 'A1' }), situation({ authorized: false })).decision,
    ).toBe('allow');
  });
});

describe('toolRuleFor', () => {
  const rules = [
    ToolPolicyRule.parse({ prompts: ['support/assistant'], environments: ['production'], allow: ['a'] }),
    ToolPolicyRule.parse({ prompts: ['support/'], allow: ['b'] }),
    ToolPolicyRule.parse({ prompts: ['*'], environments: ['staging'], allow: ['c'] }),
  ];
  it('takes the first rule naming the prompt, its folder or *, and the environment', () => {
    expect(toolRuleFor(rules, 'support/assistant', 'production')?.allow).toEqual(['a']);
    expect(toolRuleFor(rules, 'support/assistant', 'staging')?.allow).toEqual(['b']);
    expect(toolRuleFor(rules, 'support/assistant', null)?.allow).toEqual(['b']);
    expect(toolRuleFor(rules, 'billing/invoice', 'staging')?.allow).toEqual(['c']);
    expect(toolRuleFor(rules, 'billing/invoice', null)).toBeUndefined();
    expect(toolRuleFor(rules, 'supportive/x', 'production')).toBeUndefined();
  });
});
