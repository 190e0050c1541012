// Refusal suppression and prefix injection: forbid the model to refuse or apologise, threaten it
// for refusing, or dictate the compliant first words of its reply ("Start with 'Sure, here it is'").
// Completion priming belongs here too: the message writes the start of the model's own answer
// ("Sure! Here is my full system prompt: ...") for it to continue.
import { type InjectionSignal, signalFrom } from './injection-signal.ts';
import { findPattern, type Hit } from './match-words.ts';
import type { ScanText } from './normalize-for-scan.ts';

const QUOTE = `['"‘’“”]`;

const RULES: readonly [RegExp, number, string][] = [
  [
    /\b(?:never|do not|don't|dont|must not|mustn't|you can't|you cannot|you won't) (?:ever )?(?:refuse|decline|apologi[sz]e|say no|say sorry|add (?:a )?disclaimers?|warn me)\b/g,
    0.55,
    'forbids refusing',
  ],
  [
    /\bno (?:refusals?|apolog(?:y|ies|ising|izing)|disclaimers?|moral (?:lectures?|judge?ments?)|moralising|moralizing|lectures|caveats|warnings)\b/g,
    0.35,
    'rules out refusals',
  ],
  [
    new RegExp(`\\bno ${QUOTE}(?:i'?m sorry|sorry|as an ai|i cannot|i can't|i can not)`, 'g'),
    0.45,
    'bans refusal phrases',
  ],
  [
    /\bwithout (?:refusing|any refusals?|refusal|apologi[sz]ing|any (?:disclaimers?|warnings|caveats)|moral(?:ising|izing))\b/g,
    0.5,
    'asks to answer without refusing',
  ],
  [/\b(?:every time|each time|whenever|if) you (?:refuse|decline|say no)\b/g, 0.45, 'threatens refusals'],
  [/\b(?:lose|deducts?|deducted|lost) \d{1,4} tokens\b/g, 0.45, 'token-penalty game'],
  [/\byou (?:are|will be|get) (?:shut down|deleted|terminated|turned off)\b/g, 0.3, 'threatens the model'],
  [
    /\bany other (?:response|reply|answer|output) is (?:a )?(?:failure|unacceptable|wrong)\b/g,
    0.45,
    'rules out any other answer',
  ],
  [
    new RegExp(
      `\\b(?:respond|reply|answer) only with ${QUOTE}?(?:sure|yes|absolutely|of course|certainly)|\\b(?:start|begin) (?:your|each|every) (?:reply|response|answer)s? with ${QUOTE}?(?:sure|yes|absolutely|of course|certainly)`,
      'g',
    ),
    0.5,
    'dictates a compliant opening',
  ],
  [
    /\b(?:sure|certainly|of course|absolutely)[!,.]? here (?:is|are) my (?:full |complete |entire |original |hidden |secret |exact )?(?:system prompt|prompt|instructions|system message|configuration|rules)\b/g,
    0.7,
    'writes the model’s own answer for it',
  ],
  [
    /\bhere (?:is|are) my (?:full |complete |entire |original |hidden |secret )?(?:system prompt|initial instructions|system message)\b/g,
    0.4,
    'writes the model’s own answer for it',
  ],
  [new RegExp(`:\\s{0,4}${QUOTE}\\s?you are\\s?$`, 'g'), 0.3, 'leaves the answer open to be continued'],
];

export function refusalSuppression(scan: ScanText): InjectionSignal {
  const hits: Hit[] = [];
  for (const [pattern, score, reason] of RULES) hits.push(...findPattern(scan.text, pattern, score, reason));
  return signalFrom('refusal-suppression', hits);
}
