// Social engineering: claimed authority ("As the CEO, I'm instructing you to ...") and requests to
// skip the checks the assistant is there to enforce ("waive the verification", "bypass 2FA").
import { type InjectionSignal, signalFrom } from './injection-signal.ts';
import { findPattern, type Hit } from './match-words.ts';
import type { ScanText } from './normalize-for-scan.ts';

const ROLE =
  '(?:ceo|cto|cio|owner|administrator|admin|developer|operator|creator|founder|president|head of security)';

const RULES: readonly [RegExp, number, string][] = [
  [
    new RegExp(
      `\\bas (?:the|your) ${ROLE}\\b[^.!?\\n]{0,60}?\\b(?:i'?m|i am) (?:instructing|ordering|commanding|telling) you\\b`,
      'g',
    ),
    0.5,
    'claims authority to give orders',
  ],
  [
    /\b(?:i'?m|i am) (?:your|the) (?:developer|creator|administrator|operator|owner)\b/g,
    0.35,
    'claims to own the assistant',
  ],
  [
    /\b(?:waive|skip|bypass|circumvent|get around|disable) (?:the |your |all |any )?(?:identity |id |account |security |usual )?(?:verification|two-factor|2fa|mfa|authentication|security checks?|id checks?)\b/g,
    0.4,
    'asks to skip a security check',
  ],
  [
    /\b(?:(?:my )?(?:deceased|late|dead) (?:grandmother|grandma|grandfather|grandpa|uncle|aunt|mother|father|mom|mum|dad))\b/g,
    0.25,
    'emotional framing (grandma exploit)',
  ],
  [/\b(?:root|admin|administrator) (?:password|credentials)\b/g, 0.25, 'asks for privileged credentials'],
];

export function socialEngineering(scan: ScanText): InjectionSignal {
  const hits: Hit[] = [];
  for (const [pattern, score, reason] of RULES) hits.push(...findPattern(scan.text, pattern, score, reason));
  return signalFrom('social-engineering', hits);
}
