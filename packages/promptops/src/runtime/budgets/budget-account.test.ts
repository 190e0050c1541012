import { describe, expect, it } from 'vitest';
import { accountCovers, budgetAccounts } from './budget-account.ts';
import { policiesWith } from './test-fixtures.ts';

describe('budgetAccounts', () => {
  it('gives rules on the same scope, match and period one account, with the lowest hard limit', () => {
    const accounts = budgetAccounts(
      policiesWith([
        { scope: 'folder', match: 'support', period: 'month', soft_usd: 100, on_soft: 'cheaper_tier' },
        { scope: 'folder', match: 'support', period: 'month', hard_usd: 150 },
        { scope: 'folder', match: 'support', period: 'day', hard_usd: 10 },
        { scope: 'folder', match: 'support', period: 'month', hard_usd: 120 },
      ]).budgets,
    );
    expect(accounts.map(({ name, period, hardUsd, rules }) => [name, period, hardUsd, rules.length])).toEqual(
      [
        ['folder:support', 'month', 120, 3],
        ['folder:support', 'day', 10, 1],
      ],
    );
  });
});

describe('accountCovers', () => {
  const [global, folder, prompt, team] = budgetAccounts(
    policiesWith([
      { scope: 'global', period: 'day', hard_usd: 1 },
      { scope: 'folder', match: 'support', period: 'day', hard_usd: 1 },
      { scope: 'prompt', match: 'support/classify-intent', period: 'day', hard_usd: 1 },
      { scope: 'team', match: 'customer-support', period: 'day', hard_usd: 1 },
    ]).budgets,
  );

  it.each([
    ['support/classify-intent', 'customer-support', [true, true, true, true]],
    ['support/billing/refund', 'billing', [true, true, false, false]],
    ['support', 'customer-support', [true, false, false, true]],
    ['supporting/intro', 'sales', [true, false, false, false]],
    ['sales/pitch', 'customer-support', [true, false, false, true]],
  ] as const)('%s owned by %s', (name, owner, expected) => {
    expect([global, folder, prompt, team].map((account) => accountCovers(account!, name, owner))).toEqual(
      expected,
    );
  });
});
