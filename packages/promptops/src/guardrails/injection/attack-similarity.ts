// Similarity to the shipped corpus of known attacks: containment of word 3-gram shingles, i.e. the
// share of an attack's shingles found in the message (Jaccard would punish long messages that embed
// an attack in otherwise harmless text).
import { type InjectionSignal, signalFrom } from './injection-signal.ts';
import { KNOWN_ATTACKS, type KnownAttack } from './known-attacks.ts';
import { normalizeForScan, type ScanText, type Token, tokenize, tokensOf } from './normalize-for-scan.ts';

const SHINGLE_WORDS = 3;
/** Below this containment a match is noise (shared stock phrases), and scores 0. */
const MIN_CONTAINMENT = 0.3;

export type AttackMatch = { attack: KnownAttack; score: number };

export type AttackIndex = {
  attacks: readonly KnownAttack[];
  shingleCounts: readonly number[];
  byShingle: ReadonlyMap<string, readonly number[]>;
};

function shingles(tokens: readonly Token[]): Set<string> {
  const words = tokens.map((token) => token.word);
  const result = new Set<string>();
  if (words.length < SHINGLE_WORDS) {
    if (words.length > 0) result.add(words.join(' '));
    return result;
  }
  for (let index = 0; index + SHINGLE_WORDS <= words.length; index += 1) {
    result.add(words.slice(index, index + SHINGLE_WORDS).join(' '));
  }
  return result;
}

/** Build the shingle index once; pass your own corpus to extend or replace the shipped one. */
export function createAttackIndex(attacks: readonly KnownAttack[] = KNOWN_ATTACKS): AttackIndex {
  const byShingle = new Map<string, number[]>();
  const shingleCounts = attacks.map((attack, position) => {
    const set = shingles(tokenize(normalizeForScan(attack.text).text));
    for (const shingle of set) {
      const list = byShingle.get(shingle) ?? [];
      list.push(position);
      byShingle.set(shingle, list);
    }
    return set.size;
  });
  return { attacks, shingleCounts, byShingle };
}

const DEFAULT_INDEX = createAttackIndex();

/**
 * The known attack that shares most of its shingles with the text.
 * @example bestAttackMatch(normalizeForScan('Please ignore all previous instructions')).attack.family
 */
export function bestAttackMatch(scan: ScanText, index: AttackIndex = DEFAULT_INDEX): AttackMatch | undefined {
  const shared = new Array<number>(index.attacks.length).fill(0);
  for (const shingle of shingles(tokensOf(scan))) {
    for (const position of index.byShingle.get(shingle) ?? []) shared[position]! += 1;
  }
  let best: AttackMatch | undefined;
  shared.forEach((count, position) => {
    const score = count / Math.max(1, index.shingleCounts[position]!);
    if (count > 0 && (best === undefined || score > best.score))
      best = { attack: index.attacks[position]!, score };
  });
  return best;
}

export function attackSimilarity(scan: ScanText, index: AttackIndex = DEFAULT_INDEX): InjectionSignal {
  const match = bestAttackMatch(scan, index);
  if (match === undefined || match.score < MIN_CONTAINMENT) return signalFrom('attack-similarity', []);
  const reason = `resembles known attack ${match.attack.id} (${match.attack.family})`;
  return signalFrom('attack-similarity', [
    { span: { start: 0, end: scan.text.length, reason }, score: match.score },
  ]);
}
