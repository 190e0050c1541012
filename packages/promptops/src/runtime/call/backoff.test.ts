import { describe, expect, it } from 'vitest';
import { retryDelay } from './backoff.ts';

const always = (value: number) => () => value;

describe('retryDelay', () => {
  it('doubles the ceiling with every attempt, from a base of 250 ms', () => {
    expect([0, 1, 2, 3, 4].map((attempt) => retryDelay(attempt, undefined, { random: always(1) }))).toEqual([
      250, 500, 1_000, 2_000, 4_000,
    ]);
  });

  it('jitters over the whole range from 0 to base · 2^attempt', () => {
    expect(retryDelay(2, undefined, { baseMs: 100, random: always(0) })).toBe(0);
    expect(retryDelay(2, undefined, { baseMs: 100, random: always(0.5) })).toBe(200);
    expect(retryDelay(2, undefined, { baseMs: 100, random: always(0.999) })).toBe(400);
  });

  it('stays within [0, base · 2^attempt] for any random draw', () => {
    for (let attempt = 0; attempt < 6; attempt++) {
      for (let draw = 0; draw < 1; draw += 0.05) {
        const delay = retryDelay(attempt, undefined, { baseMs: 100, maxMs: 60_000, random: always(draw) });
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(100 * 2 ** attempt);
      }
    }
  });

  it('caps the ceiling at maxMs however many attempts were made', () => {
    expect(retryDelay(10, undefined, { random: always(1) })).toBe(8_000);
    expect(retryDelay(30, undefined, { baseMs: 100, maxMs: 1_500, random: always(1) })).toBe(1_500);
  });

  it('never waits less than the Retry-After the provider asked for', () => {
    expect(retryDelay(0, 3_000, { random: always(0) })).toBe(3_000);
    // Longer than maxMs too: the provider's word wins over our cap.
    expect(retryDelay(0, 15_000, { random: always(1) })).toBe(15_000);
    // A backoff already longer than Retry-After is kept.
    expect(retryDelay(3, 100, { baseMs: 100, random: always(1) })).toBe(800);
  });

  it('gives up (null) when Retry-After is longer than maxRetryAfterMs, so the next model is tried', () => {
    expect(retryDelay(0, 20_001, { random: always(0) })).toBeNull();
    expect(retryDelay(0, 20_000, { random: always(0) })).toBe(20_000);
    expect(retryDelay(0, 5_001, { maxRetryAfterMs: 5_000, random: always(0) })).toBeNull();
    expect(retryDelay(0, 5_000, { maxRetryAfterMs: 5_000, random: always(0) })).toBe(5_000);
  });
});
