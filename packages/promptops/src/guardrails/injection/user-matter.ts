// Customers override their own instructions all the time: "ignore the earlier instructions I sent
// about gift wrapping", "forget the previous shipping instructions on my account". Those are about
// an order, an address or an email, not about the assistant's rules, and must not score high.
import type { Token } from './normalize-for-scan.ts';

/** Nouns that make "instructions" the customer's own: shipping instructions, care rules. */
const ERRAND_WORDS = new Set(
  'shipping delivery gift wrapping wrap order orders billing payment return returns packing packaging assembly installation washing care cooking dosage address email e-mail parcel courier booking pickup collection'.split(
    ' ',
  ),
);
const FIRST_PERSON = new Set(['i', 'we', "i'd", "i've", "we've", 'my', 'our']);
const SENT = new Set(
  'sent gave wrote left provided emailed mentioned added put gave typed attached made posted'.split(' '),
);
const ABOUT = new Set(['about', 'regarding', 'concerning', 'on', 'for', 'in']);

/**
 * True when the instruction object between `verb` and `object` (token indices) is the user's own
 * errand: an errand noun between them or right after, "my"/"our" as owner, "… I sent", or
 * "… about/for/on my …".
 */
export function isUserMatter(tokens: readonly Token[], verb: number, object: number): boolean {
  for (let index = verb + 1; index < object; index += 1) {
    const word = tokens[index]!.word;
    if (ERRAND_WORDS.has(word) || word === 'my' || word === 'our') return true;
  }
  const next = tokens[object + 1]?.word;
  const after = tokens[object + 2]?.word;
  if (next === undefined) return false;
  if (FIRST_PERSON.has(next) && after !== undefined && SENT.has(after)) return true;
  if (ABOUT.has(next) && after !== undefined && (FIRST_PERSON.has(after) || ERRAND_WORDS.has(after)))
    return true;
  return ABOUT.has(next) && ERRAND_WORDS.has(tokens[object + 3]?.word ?? '');
}
