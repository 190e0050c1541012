import { seededRandom as mulberry32 } from '../metrics/seeded-random.ts';

/** A seeded source of numbers in [0, 1): the same seed always gives the same sequence. */
export interface SeededRandom {
  next(): number;
  /** An integer in [0, below). */
  below(below: number): number;
  pick<Item>(items: readonly Item[]): Item;
  /** True with probability `share`. */
  chance(share: number): boolean;
}

/**
 * Mulberry32 (metrics/seeded-random.ts), seeded from a 32-bit FNV-1a hash of `key`
 * (`"7|refund-late|typos"`), so each case and variant draws its own sequence and adding a case does
 * not change the others' variants.
 */
export function seededRandom(key: string): SeededRandom {
  const next = mulberry32(fnv1a(key));
  const below = (limit: number) => Math.floor(next() * limit);
  return {
    next,
    below,
    pick: (items) => items[below(items.length)] as (typeof items)[number],
    chance: (share) => next() < share,
  };
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
