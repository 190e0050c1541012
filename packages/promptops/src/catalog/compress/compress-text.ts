import { contentTokens, splitSentences } from '../lint/prose.ts';
import { COMPRESSION_RULES, tidySpacing } from './compression-rules.ts';
import { hasMask, maskProtected, masksIn, unmaskProtected } from './protect-spans.ts';

/** The rule id that drops a sentence restating an earlier one (the linter's `repeated-instruction`). */
export const REPEATED_INSTRUCTION_RULE = 'repeated-instruction';

/** The linter's measure (docs/lint.md, `repeated-instruction`): 70% shared content words, 4 or more. */
const REPEAT_OVERLAP = 0.7;
const REPEAT_MIN_WORDS = 4;

export interface TextRewrite {
  text: string;
  /** Ids of the rules that changed something, in the order they ran. */
  rules: string[];
}

/**
 * Runs every phrase rule over one template's prose. `seen` carries the content words of the
 * sentences met so far in the prompt (earlier fields): a sentence that restates one of them is
 * dropped, as is a repeat inside this text. Sentences holding Liquid or a delimiter are never
 * dropped (a branch or a variable would go with them). Protected spans come back unchanged.
 */
export function compressText(text: string, seen: string[][] = []): TextRewrite {
  const { masked, spans } = maskProtected(text);
  const rules: string[] = [];
  let current = masked;
  for (const rule of COMPRESSION_RULES) {
    const next = rule.apply(current);
    if (next !== current && sameMasks(current, next)) {
      rules.push(rule.id);
      current = next;
    }
  }
  // Sentences in different branches of an if/case/for are not repeats of each other, and one inside
  // a branch is not always there: a text with control flow takes no part (docs/lint.md).
  const branches = spans.some((span) => /^\{%-?\s*(?:if|unless|case|for|tablerow)\b/.test(span));
  const deduplicated = branches ? current : dropRepeats(current, seen);
  if (deduplicated !== current && sameMasks(current, deduplicated)) {
    rules.push(REPEATED_INSTRUCTION_RULE);
    current = deduplicated;
  }
  if (rules.length === 0) return { text, rules };
  return { text: unmaskProtected(tidySpacing(current), spans), rules };
}

function sameMasks(before: string, after: string): boolean {
  return masksIn(before).join('') === masksIn(after).join('');
}

function dropRepeats(masked: string, seen: string[][]): string {
  return masked
    .split('\n')
    .map((line) => {
      const indent = /^[ \t]*(?:[-*] |\d+\. )?/.exec(line)?.[0] ?? '';
      const sentences = splitSentences(line.slice(indent.length));
      const kept = sentences.filter((sentence) => {
        const words = contentTokens(sentence);
        if (hasMask(sentence) || words.length < REPEAT_MIN_WORDS) return true;
        if (seen.some((earlier) => overlap(earlier, words) >= REPEAT_OVERLAP)) return false;
        seen.push(words);
        return true;
      });
      if (kept.length === sentences.length) return line;
      return kept.length === 0 ? undefined : indent + kept.join(' ');
    })
    .filter((line) => line !== undefined)
    .join('\n');
}

function overlap(left: readonly string[], right: readonly string[]): number {
  const a = new Set(left);
  const b = new Set(right);
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  return shared / (a.size + b.size - shared);
}
