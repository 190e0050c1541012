import type { LintRule, RuleHit } from '../lint-types.ts';
import { instructionSentences } from '../prose.ts';

/**
 * Phrases that ask for a quality without saying how to check it. Deliberately a short list of the
 * usual offenders: a linter that cries wolf gets turned off.
 */
const VAGUE_PHRASES: readonly RegExp[] = [
  /\bbe (?:as |very |extra |more )?(?:helpful|professional|polite|nice|friendly|courteous|respectful|clear|concise|brief|accurate|thorough|careful|creative|engaging|empathetic|kind|precise|detailed|appropriate|natural)\b/i,
  /\b(?:professional|friendly|polite|appropriate|suitable|nice|positive|warm|helpful|courteous)(?: (?:but|and|yet) [a-z]+)? (?:tone|manner|language|style)\b/i,
  /\bdo (?:your|the) best\b/i,
  /\bto the best of your ability\b/i,
  /\bas (?:appropriate|needed|necessary|relevant)\b/i,
  /\b(?:if|when|where) (?:appropriate|necessary|needed|relevant)\b/i,
  /\bas (?:much|well|best|clearly|concisely|accurately|helpfully) as (?:you can|possible)\b/i,
  /\bhigh[- ]quality\b/i,
  /\b(?:good|great|excellent) (?:answer|response|reply|job|output)s?\b/i,
  /\bin an? (?:timely|reasonable|appropriate|helpful|professional) (?:manner|way|fashion)\b/i,
  /\b(?:reasonable|appropriate|suitable|adequate|sufficient) (?:length|amount|detail|level of detail)\b/i,
  /\bkeep (?:it |them |responses |replies |answers )?(?:short|brief|concise)\b/i,
];

/**
 * A criterion someone could check an answer against, on the same line (list item) as the phrase:
 * a number, a bound, a concrete prohibition ("no jargon"), an example, a quoted phrase, or a colon
 * followed by a list that defines the quality.
 */
const MEASURABLE: readonly RegExp[] = [
  /\d/,
  /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|once|twice|single)\b/i,
  /\b(?:at most|at least|no more than|fewer than|less than|more than|under|exactly|maximum|minimum|up to|only)\b/i,
  /\b(?:no|never|without|do not|don't|must not)\s+[a-z]/i,
  /\b(?:e\.g\.|i\.e\.|for example|such as)/i,
  /["“][^"”]{2,}["”]/,
  /:\s*[^,:]+(?:,\s*[^,]+)+/,
];

export const untestableConstraint: LintRule = {
  id: 'untestable-constraint',
  severity: 'warning',
  title: 'Constraint is not testable',
  explanation:
    'Flags vague instructions ("be helpful", "be professional", "do your best", "as appropriate", ' +
    '"a professional tone", "keep it short") when nothing on the same line or list item says how to ' +
    "check them: no number, bound, concrete prohibition, example or defining list. The seed's design " +
    'principle "Testable Statements": each constraint should be verifiable — "Be helpful" is not ' +
    'testable, "Keep responses under 100 words" is. An instruction nobody can check cannot be held ' +
    'by an eval suite, so it drifts unnoticed.',
  hint: 'Replace the phrase with a criterion an assertion can check (a length, a format, a list of allowed or forbidden things), or add one on the same line: "professional tone: plain words, no jargon, no emoji".',
  check(prompt) {
    const hits: RuleHit[] = [];
    for (const sentence of instructionSentences(prompt)) {
      if (MEASURABLE.some((pattern) => pattern.test(sentence.lineText))) continue;
      for (const pattern of VAGUE_PHRASES) {
        const phrase = pattern.exec(sentence.text)?.[0];
        if (phrase === undefined) continue;
        hits.push({
          message: `"${phrase}" is not testable: nothing in "${sentence.lineText}" says how to check it`,
          at: { piece: sentence.piece, line: sentence.line },
        });
        break;
      }
    }
    return hits;
  },
};
