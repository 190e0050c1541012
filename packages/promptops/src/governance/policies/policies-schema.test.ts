import { describe, expect, it } from 'vitest';
import { BudgetRule, Policies } from './policies-schema.ts';

const messages = (input: unknown) =>
  BudgetRule.safeParse(input).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];

describe('BudgetRule', () => {
  it('covers the prompts a team owns: match is the owner the prompts name', () => {
    expect(
      BudgetRule.parse({ scope: 'team', match: 'customer-support', period: 'day', hard_usd: 20 }),
    ).toEqual({
      scope: 'team',
      match: 'customer-support',
      period: 'day',
      hard_usd: 20,
      on_soft: 'alert',
    });
    // an owner is free text in a prompt file, so a team budget takes it as written
    expect(messages({ scope: 'team', match: 'Data Science', period: 'month', soft_usd: 5 })).toEqual([]);
  });

  it('needs match for a team, as for a folder or a prompt', () => {
    expect(messages({ scope: 'team', period: 'day', hard_usd: 1 })).toEqual([
      'match: a team budget needs match',
    ]);
  });

  it('still takes only folder and prompt names for those scopes', () => {
    expect(messages({ scope: 'folder', match: 'Support Team', period: 'day', hard_usd: 1 })).toEqual([
      'match: expected a folder or prompt name such as support or support/classify-intent',
    ]);
  });
});

describe('tier guard policies', () => {
  it('must name a guard policy that exists', () => {
    const result = Policies.safeParse({ tiers: { high: { approvals: 2, guard_policy: 'missing' } } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['tiers', 'high', 'guard_policy'] });
  });
});
