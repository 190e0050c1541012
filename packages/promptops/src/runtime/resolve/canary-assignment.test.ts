import { describe, expect, it } from 'vitest';
import { bucketOf, inCanary } from './canary-assignment.ts';

const keys = Array.from({ length: 10_000 }, (_, index) => `user-${index}`);
const canaryOf = (prompt: string, basisPoints: number) =>
  keys.filter((key) => inCanary(prompt, key, basisPoints));

describe('inCanary', () => {
  it('puts nobody in a 0 bp canary and everybody in a 10,000 bp one', () => {
    expect(canaryOf('support/reply', 0)).toHaveLength(0);
    expect(canaryOf('support/reply', 10_000)).toHaveLength(keys.length);
  });

  it.each([
    [2_000, 0.2],
    [500, 0.05],
    [5_000, 0.5],
  ])('puts about the share of keys a %s bp canary asks for in it (±2 points)', (basisPoints, share) => {
    const fraction = canaryOf('support/reply', basisPoints).length / keys.length;
    expect(Math.abs(fraction - share)).toBeLessThanOrEqual(0.02);
  });

  it('is sticky: the same key always lands the same way', () => {
    const first = keys.slice(0, 500).map((key) => inCanary('support/reply', key, 2_000));
    const again = keys.slice(0, 500).map((key) => inCanary('support/reply', key, 2_000));
    expect(again).toEqual(first);
    expect(first).toContain(true);
    expect(first).toContain(false);
  });

  it('keeps everyone already in the canary when its share grows', () => {
    const small = canaryOf('support/reply', 1_000);
    const larger = new Set(canaryOf('support/reply', 3_000));
    expect(small.every((key) => larger.has(key))).toBe(true);
  });

  it('salts by prompt name: the same users are not the canary of every prompt', () => {
    const reply = canaryOf('support/reply', 2_000);
    const classify = new Set(canaryOf('support/classify', 2_000));
    const both = reply.filter((key) => classify.has(key)).length;
    // Independent 20 % draws overlap on about 20 % of each canary, not all of it.
    expect(both / reply.length).toBeLessThan(0.3);
    expect(both / reply.length).toBeGreaterThan(0.1);
  });

  it('separates prompt name and key: ("support/reply", "-7") and ("support/reply-", "7") draw apart', () => {
    const indexes = Array.from({ length: 1_000 }, (_, index) => index);
    const differing = indexes.filter(
      (index) =>
        inCanary('support/reply', `-${index}`, 5_000) !== inCanary('support/reply-', `${index}`, 5_000),
    );
    expect(differing.length).toBeGreaterThan(300);
  });
});

describe('bucketOf', () => {
  it('spreads into 0..9999, stable across calls', () => {
    const buckets = keys.map(bucketOf);
    expect(Math.min(...buckets)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...buckets)).toBeLessThan(10_000);
    expect(buckets.every(Number.isInteger)).toBe(true);
    expect(keys.map(bucketOf)).toEqual(buckets);
    expect(new Set(buckets).size).toBeGreaterThan(5_000);
  });
});
