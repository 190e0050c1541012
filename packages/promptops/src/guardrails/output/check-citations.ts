import type { GuardSpan } from '../verdict.ts';

/** `[source:doc]`, or several in one bracket: `[kb:returns, kb:refunds]`. */
const CITATION = /\[([a-z][a-z0-9_-]{0,62}:[^\]\n]{1,300})\]/g;
const CITED_ID = /^[a-z][a-z0-9_-]{0,62}:[^\s,;\]]{1,200}$/;
/** Words a sentence needs before it counts as a claim; shorter ones are greetings and hand-offs. */
const CLAIM_WORDS = 6;
/** Openings of sentences that state nothing about the world: questions to the customer, courtesy. */
const NOT_A_CLAIM =
  /^(hi|hello|thanks|thank you|sorry|i'm sorry|i am sorry|please|would you|could you|can you|do you|is there|let me|i can help|i'd be happy|happy to help|i will|i'll)\b/i;

export interface CitationFindings {
  /** Ids cited that the run did not retrieve. */
  unknown: { id: string; span: GuardSpan }[];
  /** Claim-like sentences with no citation (only looked for when `requireCitations`). */
  uncited: GuardSpan[];
  cited: string[];
}

/**
 * The grounding check (docs/retrieval.md): citations in the answer must name passages the run
 * retrieved; with `requireCitations`, every claim-like sentence must carry one. A heuristic: a
 * sentence is split at `.`, `!`, `?` or a line break outside brackets, and is claim-like when it has
 * six words or more, is not a question and does not open with a courtesy ("Thanks", "Would you");
 * a citation right after a sentence's full stop belongs to that sentence. It cannot tell whether the
 * cited passage supports the sentence, only that one was cited.
 */
export function checkCitations(
  output: string,
  retrievedIds: ReadonlySet<string>,
  requireCitations: boolean,
): CitationFindings {
  const unknown: CitationFindings['unknown'] = [];
  const cited: string[] = [];
  for (const match of output.matchAll(CITATION)) {
    let offset = match.index + 1;
    for (const part of match[1]!.split(/([,;]\s*)/)) {
      const id = part.trim();
      if (CITED_ID.test(id)) {
        cited.push(id);
        if (!retrievedIds.has(id))
          unknown.push({ id, span: { start: offset, end: offset + part.length, label: 'uncited-source' } });
      }
      offset += part.length;
    }
  }
  const uncited: GuardSpan[] = [];
  if (requireCitations) {
    for (const sentence of sentences(output)) {
      const text = output.slice(sentence.start, sentence.end);
      if (CITATION.test(text)) {
        CITATION.lastIndex = 0;
        continue;
      }
      CITATION.lastIndex = 0;
      const plain = text.trim();
      const words = plain.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
      if (words < CLAIM_WORDS || plain.endsWith('?') || NOT_A_CLAIM.test(plain)) continue;
      uncited.push({ ...sentence, label: 'uncited-claim' });
    }
  }
  return { unknown, uncited, cited };
}

/** Sentence spans: ends at `.!?` or a line break outside brackets, with citations that follow it. */
function sentences(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  let depth = 0;
  let index = 0;
  while (index < text.length) {
    const character = text[index]!;
    if (character === '[') depth += 1;
    else if (character === ']') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (character === '\n' || '.!?'.includes(character))) {
      let end = index + 1;
      // Citations after the full stop: "… 30 days. [kb:returns]"
      for (;;) {
        const rest = /^[ \t]*\[[^\]\n]*\]/.exec(text.slice(end));
        if (!rest || character === '\n') break;
        end += rest[0].length;
      }
      if (text.slice(start, end).trim() !== '') out.push({ start, end });
      start = end;
      index = end;
      continue;
    }
    index += 1;
  }
  if (text.slice(start).trim() !== '') out.push({ start, end: text.length });
  return out;
}
