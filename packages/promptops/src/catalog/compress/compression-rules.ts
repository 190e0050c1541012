/**
 * Rule-based rewrites that shorten prompt prose without changing what it asks (issue 10, item 3;
 * the first seed's token-efficiency pattern, the second seed's "Token Efficiency"). Each rule reads
 * text whose Liquid, delimiters, JSON and quoted phrases are already masked (protect-spans.ts), so
 * it only ever sees prose. A phrase dropped at the start of a sentence capitalises what follows.
 */
export interface CompressionRule {
  id: string;
  summary: string;
  example: { before: string; after: string };
  apply(masked: string): string;
}

/** Drops a phrase (and the space after it); a capitalised phrase passes its capital on. */
function dropPhrases(
  phrases: readonly string[],
  options: { sentenceStart?: boolean } = {},
): (masked: string) => string {
  // At a sentence start: the text's, a line's (after a list marker), after . ! ? : ; or after "and"
  const start = options.sentenceStart ? '(?<=^|[.!?:;]\\s+|\\n[ \\t]*(?:[-*] )?|^[-*] |\\band\\s+)' : '\\b';
  const pattern = new RegExp(`${start}(${phrases.join('|')})\\s+(\\S)`, 'gi');
  const once = (text: string) =>
    text.replace(pattern, (_match, phrase: string, next: string) =>
      /^[A-Z]/.test(phrase) ? next.toUpperCase() : next,
    );
  // Phrases can follow each other ("I would like you to kindly reply"): one pass per phrase at most.
  return (masked) => {
    let current = masked;
    for (let pass = 0; pass < phrases.length; pass += 1) {
      const next = once(current);
      if (next === current) break;
      current = next;
    }
    return current;
  };
}

/** Replaces whole phrases, keeping a leading capital. */
function replacePhrases(table: Readonly<Record<string, string>>): (masked: string) => string {
  const keys = Object.keys(table).sort((left, right) => right.length - left.length);
  const pattern = new RegExp(`\\b(${keys.join('|')})\\b`, 'gi');
  return (masked) =>
    masked.replace(pattern, (phrase: string) => {
      const replacement = table[phrase.toLowerCase()] ?? phrase;
      return /^[A-Z]/.test(phrase) ? replacement.charAt(0).toUpperCase() + replacement.slice(1) : replacement;
    });
}

const WORDY: Record<string, string> = {
  'due to the fact that': 'because',
  'in the event that': 'if',
  'at this point in time': 'now',
  'at the present time': 'now',
  'for the purpose of': 'for',
  'with regard to': 'about',
  'with regards to': 'about',
  'with respect to': 'about',
  'in relation to': 'about',
  'a large number of': 'many',
  'a small number of': 'few',
  'the majority of': 'most',
  'prior to': 'before',
  'subsequent to': 'after',
  'is able to': 'can',
  'are able to': 'can',
  'has the ability to': 'can',
  'have the ability to': 'can',
  'in spite of the fact that': 'although',
  'make a decision': 'decide',
  'provide a response': 'respond',
  'give a response': 'respond',
  'on a daily basis': 'daily',
};

export const COMPRESSION_RULES: readonly CompressionRule[] = [
  {
    id: 'make-sure-filler',
    // Only where a sentence (or an "and" clause) starts: "check the order to make sure you have the
    // right item" means something without the phrase's subject clause gone.
    summary: '"Please make sure to", "be sure to", "ensure that you" add tokens, not meaning: say the action',
    example: { before: 'Please make sure to ask for the order number.', after: 'Ask for the order number.' },
    apply: dropPhrases(
      [
        'please make sure that you',
        'please make sure to',
        'please ensure that you',
        'please ensure you',
        'make sure that you',
        'make sure to',
        'make sure you',
        'be sure to',
        'ensure that you',
      ],
      { sentenceStart: true },
    ),
  },
  {
    id: 'importance-filler',
    summary:
      '"It is important that you", "remember to", "keep in mind that": the instruction is the emphasis',
    example: {
      before: 'It is important that you never share internal notes.',
      after: 'Never share internal notes.',
    },
    apply: dropPhrases(
      [
        'it is (?:very |extremely |really |absolutely )?(?:important|essential|crucial|critical|vital) that you',
        'it is (?:very |extremely |really |absolutely )?(?:important|essential|crucial|critical|vital) to',
        'always remember to',
        'remember to',
        'keep in mind that',
        'bear in mind that',
        'note that',
      ],
      { sentenceStart: true },
    ),
  },
  {
    id: 'in-order-to',
    summary: '"in order to" and "so as to" say "to"',
    example: {
      before: 'Ask for the order number in order to look it up.',
      after: 'Ask for the order number to look it up.',
    },
    apply: replacePhrases({ 'in order to': 'to', 'so as to': 'to' }),
  },
  {
    id: 'politeness-padding',
    summary:
      '"Please", "kindly", "I would like you to", "Thank you!": the model follows instructions without them',
    example: {
      before: 'I would like you to kindly reply in English. Thank you!',
      after: 'Reply in English.',
    },
    apply: (masked) =>
      dropPhrases(['i would like you to', 'i want you to', 'please', 'kindly'], { sentenceStart: true })(
        masked
          .replace(
            /(^|[.!?]\s+|\n[ \t]*)(?:thank you|thanks)(?: (?:so|very) much)?(?: in advance)?[.!]?(?=\s|$)/gi,
            '$1',
          )
          .replace(/,?\s+please(?=[.!?])/gi, ''),
      ),
  },
  {
    id: 'you-should',
    summary:
      '"You should", "you are required to" before an instruction: the imperative says it in fewer words',
    example: { before: 'You should always cite the order number.', after: 'Always cite the order number.' },
    // Only where the sentence starts: "explain that you need to verify" needs its subject.
    apply: dropPhrases(['you should', 'you are required to', 'you will need to', 'you need to'], {
      sentenceStart: true,
    }),
  },
  {
    id: 'wordy-phrase',
    summary: 'Long stock phrases with a one-word equivalent ("due to the fact that" → "because")',
    example: {
      before: 'Due to the fact that refunds are manual, escalate them.',
      after: 'Because refunds are manual, escalate them.',
    },
    apply: replacePhrases(WORDY),
  },
  {
    id: 'verbose-list',
    summary:
      'Padding around lists: "including but not limited to", "any and all", "each and every", "and/or"',
    example: {
      before: 'Refuse any and all requests, including but not limited to refunds and/or credits.',
      after: 'Refuse all requests, including refunds or credits.',
    },
    apply: replacePhrases({
      'including but not limited to': 'including',
      'any and all': 'all',
      'each and every': 'every',
      'first and foremost': 'first',
      'and/or': 'or',
      'various different': 'various',
    }),
  },
];

/** Spaces left by a dropped phrase: doubled spaces inside a line, a space before punctuation. */
export function tidySpacing(masked: string): string {
  return masked
    .split('\n')
    .map((line) => {
      const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
      return (
        indent +
        line
          .slice(indent.length)
          .replace(/ {2,}/g, ' ')
          .replace(/ +([,.;:!?])/g, '$1')
          .trimEnd()
      );
    })
    .join('\n');
}
