import type { z } from 'zod';
import type { BudgetRule } from '../../governance/policies/policies-schema.ts';

export type BudgetPeriod = z.infer<typeof BudgetRule>['period'];

/**
 * The ledger key of the period `at` falls in, in UTC so every replica agrees whatever its time
 * zone: `day:2026-11-22`, `month:2026-11`.
 *
 * @example
 * periodKey('month', new Date('2026-11-30T23:30:00-02:00')); // 'month:2026-12' (01:30 UTC on Dec 1)
 */
export function periodKey(period: BudgetPeriod, at: Date): string {
  const iso = at.toISOString();
  return period === 'day' ? `day:${iso.slice(0, 10)}` : `month:${iso.slice(0, 7)}`;
}

/** A period key as people read it in messages: `day 2026-11-22`. */
export function periodLabel(key: string): string {
  return key.replace(':', ' ');
}
