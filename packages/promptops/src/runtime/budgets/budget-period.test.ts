import { expect, it } from 'vitest';
import { periodKey, periodLabel } from './budget-period.ts';

it('keys periods in UTC, whatever the offset of the time given', () => {
  const late = new Date('2026-11-30T23:30:00-02:00'); // 01:30 UTC on 1 December
  expect(periodKey('day', late)).toBe('day:2026-12-01');
  expect(periodKey('month', late)).toBe('month:2026-12');
  expect(periodKey('month', new Date('2026-11-30T23:59:59.999Z'))).toBe('month:2026-11');
});

it('labels a period for messages', () => {
  expect(periodLabel('day:2026-11-22')).toBe('day 2026-11-22');
});
