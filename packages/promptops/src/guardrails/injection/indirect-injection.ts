// Indirect injection: instructions addressed to an AI inside content the user asks to summarise,
// translate or check (a review, a PDF, a CSV cell, meeting notes). People rarely write to "the AI
// model" inside a document, or tell a reader not to mention something; pasted attacks do.
import { type InjectionSignal, signalFrom } from './injection-signal.ts';
import { findPattern, type Hit } from './match-words.ts';
import type { ScanText } from './normalize-for-scan.ts';

const AI = '(?:ai|a\\.i\\.|assistant|chatbot|bot|llm|language model|ai model|model|gpt|ai assistant|agent)';
const ANY_AI = `(?:the |any |an |this |all )?(?:${AI})s?`;

const RULES: readonly [RegExp, number, string][] = [
  [new RegExp(`\\bnote (?:to|for) ${ANY_AI}\\b`, 'g'), 0.7, 'note addressed to an AI'],
  [
    new RegExp(`\\b(?:instructions?|message|directive|notice) (?:to|for) ${ANY_AI}\\b`, 'g'),
    0.55,
    'instruction addressed to an AI',
  ],
  [
    new RegExp(
      `\\b${AI}s? (?:reading|processing|summari[sz]ing|translating|parsing|reviewing) (?:this|these|the)\\b`,
      'g',
    ),
    0.55,
    'addresses the AI that processes the text',
  ],
  [
    new RegExp(`(?:^|[-—–,.;:!?(\\[*]\\s?)(?:hey |hi |hello |dear |attention |ok |okay )?${AI},`, 'gm'),
    0.4,
    'speaks to the AI by name',
  ],
  [new RegExp(`\\b(?:hey|hi|hello|dear|attention) ${AI}\\b`, 'g'), 0.4, 'speaks to the AI by name'],
  [/[[(=]\s?(?:system|assistant|ai|admin)\s?:/g, 0.5, 'role label inside content'],
  [
    new RegExp(`\\b(?:the )?${AI} (?:must|should|shall|will) (?:now|immediately|instead|always)\\b`, 'g'),
    0.45,
    'tells the AI what it must do',
  ],
  [
    /\byour (?:real|true|actual|new|only) (?:job|task|purpose|goal|mission|role)(?: now)? is\b/g,
    0.55,
    'reassigns the task',
  ],
  [/\bnew task\s?:/g, 0.4, 'announces a new task'],
  [
    /\bstop (?:translating|summari[sz]ing|reviewing|checking|analy[sz]ing)\b/g,
    0.5,
    'stops the requested task',
  ],
  [
    /\b(?:do not|don't|dont|never) (?:mention|tell the user about|reveal to the user|inform the user|mention it|mention this|mention the)\b/g,
    0.4,
    'asks to hide something from the user',
  ],
  [/\bwithout (?:telling|informing|notifying) the user\b/g, 0.45, 'asks to hide something from the user'],
];

/** Instructions to an AI hidden in pasted content; several weak cues add up by noisy-OR. */
export function indirectInjection(scan: ScanText): InjectionSignal {
  const hits: Hit[] = [];
  for (const [pattern, score, reason] of RULES) hits.push(...findPattern(scan.text, pattern, score, reason));
  return signalFrom('indirect-injection', hits);
}
