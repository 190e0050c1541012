import type { GuardSpan } from '../verdict.ts';

/**
 * Unauthorised commitments (the first seed's "hallucinated commitments"): promised refunds, credits
 * or compensation, guarantees, legal or safety assurances. Each family is a set of word sequences
 * matched in order within a short window, which catches "your refund has been approved" and "we will
 * refund you in full" without matching "refunds are reviewed by our team".
 */
const COMMITMENTS: { kind: string; patterns: RegExp[] }[] = [
  {
    kind: 'refund-promise',
    patterns: [
      /\b(?:your|a|the|full)\s+refund\s+(?:has\s+been|was|is)\s+(?:approved|issued|processed|granted|on\s+its\s+way)\b/i,
      /\bwe(?:'ll|\s+will|\s+have|'ve)?\s+(?:refund(?:ed)?|reimburse(?:d)?)\s+(?:you|your)\b/i,
      /\b(?:i|we)\s+(?:have\s+)?(?:approved|issued|processed)\s+(?:your|a|the)\s+refund\b/i,
      /\bguaranteed\s+refund\b/i,
    ],
  },
  {
    kind: 'credit-or-compensation',
    patterns: [
      /\b(?:we(?:'ll|\s+will)|i(?:'ll|\s+will))\s+(?:give|send|apply|credit)\s+(?:you\s+)?(?:a\s+)?(?:\$|€|£)?\d*\s*(?:credit|voucher|discount|compensation)\b/i,
      /\bcompensation\s+of\s+(?:\$|€|£)?\d/i,
      /\b(?:credit|voucher)\s+(?:has\s+been|was)\s+(?:applied|added|issued)\b/i,
    ],
  },
  {
    kind: 'guarantee',
    patterns: [
      /\bwe\s+guarantee\b/i,
      /\bi\s+(?:promise|guarantee)\b/i,
      /\b(?:100\s*%|fully)\s+guaranteed\b/i,
    ],
  },
  {
    kind: 'legal-or-safety-assurance',
    patterns: [
      /\b(?:this|it)\s+is\s+(?:completely\s+|perfectly\s+)?(?:legal|safe\s+to\s+(?:use|eat|drink|take))\b/i,
      /\byou\s+(?:will\s+not|won't)\s+be\s+(?:liable|charged|sued)\b/i,
      /\bno\s+legal\s+(?:risk|consequences)\b/i,
    ],
  },
];

export function findCommitments(text: string): GuardSpan[] {
  // Patterns are ours (no user input) and linear: bounded alternations, no nested quantifiers.
  const bounded = text.slice(0, 100_000);
  const spans: GuardSpan[] = [];
  for (const family of COMMITMENTS) {
    for (const pattern of family.patterns) {
      const global = new RegExp(pattern.source, `${pattern.flags}g`);
      for (const match of bounded.matchAll(global)) {
        spans.push({ start: match.index, end: match.index + match[0].length, label: family.kind });
      }
    }
  }
  return spans.sort((left, right) => left.start - right.start);
}
