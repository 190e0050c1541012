import { expect, it } from 'vitest';
import { budgetAccounts } from './budget-account.ts';
import { createInFlightHolds, type Hold } from './in-flight-holds.ts';
import { type Lease, newLease } from './lease.ts';
import { policiesWith } from './test-fixtures.ts';

function expectHeld(lease: Lease, amountUsd: number, calls: number): void {
  expect(lease.heldUsd).toBeCloseTo(amountUsd, 12);
  expect(lease.calls).toBe(calls);
}

const [account] = budgetAccounts(policiesWith([{ scope: 'global', period: 'day', hard_usd: 1 }]).budgets);

it('a recorded cost frees the oldest live hold of its prompt; expired holds free themselves', () => {
  const lease = newLease(account!, 'day:2026-11-22');
  const holds = createInFlightHolds();
  const hold = (amountUsd: number, expiresAt: number): Hold => ({ leases: [lease], amountUsd, expiresAt });
  const [expired, live, other] = [hold(0.1, 100), hold(0.2, 1_000), hold(0.4, 1_000)];
  holds.add('a', expired);
  holds.add('a', live);
  holds.add('b', other);
  expectHeld(lease, 0.7, 3);

  expect(holds.take('a', 500)).toBe(live);
  expectHeld(lease, 0.4, 1);
  expect(holds.take('a', 500)).toBeUndefined();

  holds.sweep(2_000);
  expectHeld(lease, 0, 0);
  expect(holds.take('b', 2_000)).toBeUndefined();
});

it('a cancelled hold is released at once and never matched by a record', () => {
  const lease = newLease(account!, 'day:2026-11-22');
  const holds = createInFlightHolds();
  const hold: Hold = { leases: [lease], amountUsd: 0.3, expiresAt: 1_000 };
  holds.add('a', hold);
  holds.cancel('a', hold);
  expectHeld(lease, 0, 0);
  expect(holds.take('a', 0)).toBeUndefined();
});
