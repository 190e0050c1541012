import type { FastifyInstance } from 'fastify';
import { PromptopsError } from '../../errors/index.ts';
import { can, grantedPrefixes, type Principal } from '../../governance/access/index.ts';
import type { BudgetAccount } from '../../runtime/budgets/index.ts';
import { budgetAccounts, periodKey } from '../../runtime/budgets/index.ts';
import { readBudget } from '../../store/index.ts';
import type { ServerDeps } from '../server-deps.ts';

const BUDGET = {
  type: 'object',
  properties: {
    name: { type: 'string', description: 'the ledger name: global, folder:support, prompt:…, team:…' },
    scope: { type: 'string', enum: ['global', 'folder', 'prompt', 'team'] },
    match: { type: ['string', 'null'] },
    period: { type: 'string', enum: ['day', 'month'] },
    periodKey: { type: 'string', description: 'the current period, UTC: day:2026-11-22, month:2026-11' },
    softUsd: { type: ['number', 'null'] },
    hardUsd: { type: ['number', 'null'] },
    onSoft: { type: 'string', enum: ['alert', 'cheaper_tier'] },
    spentUsd: { type: 'number', description: 'settled spend in the current period (all replicas)' },
    reservedUsd: { type: 'number', description: 'allowance replicas hold but have not spent yet' },
  },
} as const;

const RESPONSE = {
  type: 'object',
  properties: { budgets: { type: 'array', items: BUDGET } },
} as const;

/**
 * `GET /api/budgets`: policies.yaml's budgets with what the shared ledger holds for the current
 * period (spent, reserved), for the monitoring page's budget use. A folder or prompt budget is shown
 * to those who may read what it covers; global and team budgets to anyone with a viewer grant.
 */
export function budgetRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.get('/api/budgets', { schema: { response: { 200: RESPONSE } } }, async (request) => {
    if (grantedPrefixes(request.principal, 'catalog-read').length === 0) {
      throw new PromptopsError(
        'forbidden',
        `${request.principal.actor} may not read budgets: it needs the viewer role on some folder`,
        { action: 'catalog-read', role: 'viewer' },
      );
    }
    const now = new Date();
    const accounts = budgetAccounts(deps.governance.policies.budgets).filter((account) =>
      mayRead(request.principal, account),
    );
    const budgets = [];
    for (const account of accounts) {
      const key = periodKey(account.period, now);
      const ledger = await readBudget(deps.handle.db, account.name, key);
      const rule = account.rules[0]!;
      const soft = account.rules.flatMap((each) => (each.soft_usd === undefined ? [] : [each.soft_usd]));
      budgets.push({
        name: account.name,
        scope: rule.scope,
        match: rule.match ?? null,
        period: account.period,
        periodKey: key,
        softUsd: soft.length > 0 ? Math.min(...soft) : null,
        hardUsd: account.hardUsd ?? null,
        onSoft: rule.on_soft,
        spentUsd: ledger?.spent ?? 0,
        reservedUsd: ledger?.reserved ?? 0,
      });
    }
    return { budgets };
  });
}

function mayRead(principal: Principal, account: BudgetAccount): boolean {
  const rule = account.rules[0]!;
  if (rule.scope === 'folder') return can(principal, 'catalog-read', `${rule.match}/`);
  if (rule.scope === 'prompt') return can(principal, 'catalog-read', rule.match!);
  return true;
}
