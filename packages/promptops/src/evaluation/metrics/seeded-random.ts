/**
 * A small seeded PRNG (Mulberry32, Tommy Ettinger, public domain): the same seed gives the same
 * sequence on every machine, so a bootstrap interval in a stored report can be reproduced.
 * Not for anything secret.
 *
 * @example const random = seededRandom(42); random(); // a float in [0, 1)
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}
