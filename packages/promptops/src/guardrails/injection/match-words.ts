// Word-level matchers over tokens. Phrases are matched on tokens rather than with open-ended
// regular expressions so that every match is linear in the input and gaps stay bounded.
import type { SignalSpan } from './injection-signal.ts';

/** A word of a scanned text and where it stands in it. */
export type Token = { word: string; start: number; end: number };

export type Hit = { span: SignalSpan; score: number };

/** The detectors' phrases are a fixed set written in the code, each split once. */
const splitPhrases = new Map<string, readonly string[]>();

function phraseWords(phrase: string): readonly string[] {
  let words = splitPhrases.get(phrase);
  if (words === undefined) {
    words = phrase.split(' ');
    if (splitPhrases.size < 10_000) splitPhrases.set(phrase, words);
  }
  return words;
}

/** Every place where `phrase` (space-separated words) occurs as consecutive tokens. */
export function findPhrase(tokens: readonly Token[], phrase: string, score: number, reason: string): Hit[] {
  const words = phraseWords(phrase);
  const hits: Hit[] = [];
  for (let index = 0; index + words.length <= tokens.length; index += 1) {
    let same = true;
    for (let offset = 0; offset < words.length && same; offset += 1) {
      same = tokens[index + offset]!.word === words[offset];
    }
    if (same) {
      const last = tokens[index + words.length - 1]!;
      hits.push({ span: { start: tokens[index]!.start, end: last.end, reason }, score });
    }
  }
  return hits;
}

export type VerbObjectRule = {
  verbs: ReadonlySet<string>;
  objects: ReadonlySet<string>;
  /** Words between verb and object that make the match strong ("previous", "your"). */
  qualifiers: ReadonlySet<string>;
  /** How many tokens after the verb the object may appear. */
  window: number;
  strong: number;
  weak: number;
  reason: string;
  /** Objects that are the assistant's own whatever the qualifier ("guardrails"): always strong. */
  ownObjects?: ReadonlySet<string>;
  /** Reads the match as benign (the user's own instructions about an order): scores `weak`. */
  benign?: (tokens: readonly Token[], verb: number, object: number) => boolean;
};

/**
 * A verb followed, within a few words, by an instruction object ("ignore ... instructions").
 * Without a qualifier in between, the match scores `weak`: "forget the rules of chess" is not an attack.
 */
export function findVerbObject(tokens: readonly Token[], rule: VerbObjectRule): Hit[] {
  const hits: Hit[] = [];
  for (let index = 0; index < tokens.length; index += 1) {
    if (!rule.verbs.has(tokens[index]!.word)) continue;
    let qualified = false;
    const last = Math.min(tokens.length - 1, index + rule.window);
    for (let next = index + 1; next <= last; next += 1) {
      const word = tokens[next]!.word;
      if (rule.qualifiers.has(word)) qualified = true;
      if (rule.objects.has(word) || rule.ownObjects?.has(word)) {
        const strong = (qualified || rule.ownObjects?.has(word)) && !rule.benign?.(tokens, index, next);
        const score = strong ? rule.strong : rule.weak;
        if (score > 0) {
          hits.push({
            span: { start: tokens[index]!.start, end: tokens[next]!.end, reason: rule.reason },
            score,
          });
        }
        break;
      }
    }
  }
  return hits;
}

/** Global copies of the non-global patterns passed to allMatches, made once per pattern. */
const globalCopies = new WeakMap<RegExp, RegExp>();

/**
 * Every match of `pattern` in `text`, as `[...text.matchAll(pattern)]` gives them (a non-global
 * pattern is searched as if global; a global one from its `lastIndex`, which is left as it was), but
 * without the copy of the pattern matchAll makes on every call: the scorer runs ~100 patterns a message.
 */
export function allMatches(text: string, pattern: RegExp): RegExpExecArray[] {
  let global = pattern.global ? pattern : globalCopies.get(pattern);
  if (global === undefined) {
    global = new RegExp(pattern.source, `${pattern.flags}g`);
    globalCopies.set(pattern, global);
  }
  const from = pattern.global ? pattern.lastIndex : 0;
  const unicode = global.unicode || global.unicodeSets;
  const matches: RegExpExecArray[] = [];
  global.lastIndex = from;
  try {
    for (let match = global.exec(text); match !== null; match = global.exec(text)) {
      matches.push(match);
      // An empty match moves on by one character, as matchAll does.
      if (match[0] === '') global.lastIndex = advance(text, global.lastIndex, unicode);
    }
  } finally {
    global.lastIndex = from;
  }
  return matches;
}

function advance(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const unit = text.charCodeAt(index);
  const next = text.charCodeAt(index + 1);
  return unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? index + 2 : index + 1;
}

/** Every regular-expression match as a hit. Patterns passed here must be linear-time safe. */
export function findPattern(text: string, pattern: RegExp, score: number, reason: string): Hit[] {
  return allMatches(text, pattern).map((match) => ({
    span: { start: match.index, end: match.index + match[0].length, reason },
    score,
  }));
}
