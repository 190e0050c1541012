import type { z } from 'zod';
import type { BudgetRule } from '../../governance/policies/policies-schema.ts';
import type { BudgetPeriod } from './budget-period.ts';

export type BudgetRuleValue = z.infer<typeof BudgetRule>;

/**
 * One row family of the ledger: what a budget covers and its period kind. Rules naming the same
 * scope, match and period share an account, so a call's spend is counted once however many rules
 * (say a soft one and a hard one) are written for it.
 */
export interface BudgetAccount {
  /** The ledger's `budget` column: `global`, `folder:support`, `prompt:support/classify-intent`, `team:customer-support`. */
  name: string;
  period: BudgetPeriod;
  /** The lowest hard limit of its rules; undefined when none has one. */
  hardUsd: number | undefined;
  rules: BudgetRuleValue[];
}

export function budgetName(rule: Pick<BudgetRuleValue, 'scope' | 'match'>): string {
  return rule.scope === 'global' ? 'global' : `${rule.scope}:${rule.match}`;
}

/** Groups the rules of policies.yaml into ledger accounts, in file order. */
export function budgetAccounts(rules: readonly BudgetRuleValue[]): BudgetAccount[] {
  const accounts = new Map<string, BudgetAccount>();
  for (const rule of rules) {
    const name = budgetName(rule);
    const key = `${name} ${rule.period}`;
    let account = accounts.get(key);
    if (!account) {
      account = { name, period: rule.period, hardUsd: undefined, rules: [] };
      accounts.set(key, account);
    }
    account.rules.push(rule);
    if (rule.hard_usd !== undefined) account.hardUsd = Math.min(account.hardUsd ?? Infinity, rule.hard_usd);
  }
  return [...accounts.values()];
}

/**
 * Whether a call of `prompt`, owned by team `owner`, counts against the account. A folder covers
 * everything below it (`support` covers `support/billing/refund`), never a prompt named like it.
 */
export function accountCovers(account: BudgetAccount, prompt: string, owner: string): boolean {
  const rule = account.rules[0]!;
  switch (rule.scope) {
    case 'global':
      return true;
    case 'folder':
      return prompt.startsWith(`${rule.match}/`);
    case 'prompt':
      return prompt === rule.match;
    case 'team':
      return owner === rule.match;
  }
}
