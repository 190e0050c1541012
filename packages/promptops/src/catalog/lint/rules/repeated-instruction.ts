import type { LintRule, RuleHit } from '../lint-types.ts';
import { contentTokens, exclusive, instructionSentences, type Sentence } from '../prose.ts';

/** Sentences shorter than this (in content words) are too short to call repeats ("Be brief."). */
export const MIN_CONTENT_WORDS = 4;
/** Share of content words two sentences have in common (Jaccard) from which one repeats the other. */
export const REPEAT_SIMILARITY = 0.7;

/** |A ∩ B| / |A ∪ B| of two word sets. */
export function wordOverlap(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  let shared = 0;
  for (const word of left) if (right.has(word)) shared += 1;
  return shared / (left.size + right.size - shared);
}

/** `system.guidelines[1]`, or `fragment support/policies (via system.role) line 3`. */
export function describeSentence(sentence: Sentence): string {
  const where = sentence.piece.fragment
    ? `fragment ${sentence.piece.fragment} (via ${sentence.piece.field})`
    : sentence.piece.field;
  return sentence.piece.text.includes('\n') ? `${where} line ${sentence.line}` : where;
}

export const repeatedInstruction: LintRule = {
  id: 'repeated-instruction',
  severity: 'warning',
  title: 'Instruction repeated',
  explanation:
    'Two sentences of one prompt — its fields and the fragments it renders — say nearly the same ' +
    `thing: at least ${REPEAT_SIMILARITY * 100}% of their content words (lower-cased, stop words ` +
    `dropped, lightly stemmed; sentences of ${MIN_CONTENT_WORDS}+ content words) are shared. ` +
    'The seed\'s "Token Efficiency": token costs accumulate at scale, and its compression example ' +
    'removes exactly this kind of restating. A repeat also drifts: an edit to one copy leaves the ' +
    'other saying something else, and the model gets two versions of the rule.',
  hint: 'Keep the instruction in one place — usually the shared fragment — and delete the other copy; if both are needed, make them say different things.',
  check(prompt) {
    const sentences = instructionSentences(prompt)
      .map((sentence) => ({ sentence, words: new Set(contentTokens(sentence.text)) }))
      .filter(({ words }) => words.size >= MIN_CONTENT_WORDS);
    const hits: RuleHit[] = [];
    sentences.forEach((later, index) => {
      const earlier = sentences
        .slice(0, index)
        .find(
          (candidate) =>
            !(
              candidate.sentence.piece === later.sentence.piece &&
              candidate.sentence.line === later.sentence.line
            ) &&
            !exclusive(candidate.sentence, later.sentence) &&
            wordOverlap(candidate.words, later.words) >= REPEAT_SIMILARITY,
        );
      if (!earlier) return;
      // Report at the prompt's own copy when the other is in a fragment: the shared text usually stays.
      const [kept, repeat] =
        later.sentence.piece.fragment !== undefined && earlier.sentence.piece.fragment === undefined
          ? [later.sentence, earlier.sentence]
          : [earlier.sentence, later.sentence];
      hits.push({
        message: `"${repeat.text}" repeats "${kept.text}" (${describeSentence(kept)})`,
        at: { piece: repeat.piece, line: repeat.line },
      });
    });
    return hits;
  },
};
