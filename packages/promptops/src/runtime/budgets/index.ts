// Budgets: stage 6 of the run pipeline, over spend shared by every replica (README.md).

export { type BudgetAccount, budgetAccounts, budgetName } from './budget-account.ts';
export { type BudgetPeriod, periodKey } from './budget-period.ts';
export {
  type BudgetAlert,
  type BudgetGateOptions,
  createBudgetGate,
  DEFAULT_BUDGET_CHUNK_USD,
  type LeasingBudgetGate,
} from './create-budget-gate.ts';
