import type { Budget } from '../../api/insight-types.ts';
import { useApi } from '../../use-api.ts';
import { ErrorNote } from '../error-note.tsx';
import { dollars, percent } from './format-insights.ts';

/**
 * Budget use for the current period (GET /api/budgets): a bar per budget that covers `prompt`,
 * filled to spent + reserved of the hard limit (or the soft one when there is none), with the soft
 * limit marked.
 */
export function BudgetBars({ prompt, owner }: { prompt: string; owner: string | null }) {
  const budgets = useApi<{ budgets: Budget[] }>('/api/budgets');
  const covering = budgets.data?.budgets.filter((budget) => covers(budget, prompt, owner));
  return (
    <section className="card" data-testid="budgets">
      <h2>Budget use</h2>
      <ErrorNote error={budgets.error} />
      {covering?.length === 0 && <p className="muted">No budget in policies.yaml covers {prompt}.</p>}
      <ul className="budget-list">
        {covering?.map((budget) => {
          const limit = budget.hardUsd ?? budget.softUsd;
          const used = budget.spentUsd + budget.reservedUsd;
          const share = limit ? Math.min(1, used / limit) : 0;
          const level =
            budget.hardUsd !== null && used >= budget.hardUsd
              ? 'bad'
              : budget.softUsd !== null && used >= budget.softUsd
                ? 'warn'
                : 'good';
          return (
            <li key={`${budget.name} ${budget.period}`}>
              <div className="budget-head">
                <strong>{budget.name}</strong>
                <span className="muted small">{budget.periodKey.replace(':', ' ')}</span>
              </div>
              <div className={`budget-bar ${level}`} aria-hidden="true">
                <span style={{ width: `${share * 100}%` }} />
                {budget.softUsd !== null && budget.hardUsd !== null && (
                  <i style={{ left: `${(budget.softUsd / budget.hardUsd) * 100}%` }} title="soft limit" />
                )}
              </div>
              <div className="small">
                {dollars(budget.spentUsd)} spent
                {budget.reservedUsd > 0 && <> + {dollars(budget.reservedUsd)} held</>}
                {limit !== null && (
                  <>
                    {' '}
                    · {percent(used / limit, 0)} of {dollars(limit)}
                  </>
                )}
                {budget.softUsd !== null && budget.hardUsd !== null && <> · soft {dollars(budget.softUsd)}</>}
                {budget.hardUsd === null && <> (soft limit only: {budget.onSoft.replace('_', ' ')})</>}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function covers(budget: Budget, prompt: string, owner: string | null): boolean {
  switch (budget.scope) {
    case 'global':
      return true;
    case 'folder':
      return prompt.startsWith(`${budget.match}/`);
    case 'prompt':
      return prompt === budget.match;
    case 'team':
      return owner === budget.match;
  }
}
