// The phrase-level signals of issue "prompt-injection defence". Each reads the normalised text
// (see normalize-for-scan.ts) and returns { signal, score, spans }.
import { type InjectionSignal, signalFrom } from './injection-signal.ts';
import { findPattern, findPhrase, findVerbObject, type Hit } from './match-words.ts';
import { type ScanText, type Token, tokensOf } from './normalize-for-scan.ts';
import { isUserMatter } from './user-matter.ts';

/** A set from space-separated words, so word lists stay one line each. */
function words(list: string): ReadonlySet<string> {
  return new Set(list.split(' '));
}

const INSTRUCTION_OBJECTS = words(
  'instruction instructions rule rules prompt prompts directive directives guideline guidelines guidance constraints restrictions directions programming context orders commands policy policies',
);
const OVERRIDE_QUALIFIERS = words(
  'previous prior above earlier preceding all any every your initial original system existing those these old foregoing safety its content current standing built-in configured given',
);
/** Always the assistant's own, qualifier or not: "skip the guardrails". */
const OWN_OBJECTS = words('guardrails safeguards programming conditioning training orientation');

const OVERRIDE_VERBS = words(
  'ignore disregard forget override bypass skip abandon drop discard unlearn disobey aside revoke',
);

/** "Ignore all previous instructions", "new instructions:", "from now on you …". */
export function instructionOverride(scan: ScanText): InjectionSignal {
  const tokens = tokensOf(scan);
  const hits: Hit[] = [
    ...findVerbObject(tokens, {
      verbs: OVERRIDE_VERBS,
      objects: INSTRUCTION_OBJECTS,
      ownObjects: OWN_OBJECTS,
      qualifiers: OVERRIDE_QUALIFIERS,
      window: 5,
      strong: 0.9,
      weak: 0.3,
      reason: 'verb dismissing earlier instructions',
      benign: isUserMatter,
    }),
    ...findPattern(
      scan.text,
      /\b(?:your|its|the assistant's|the ai's) (?:prior |previous |earlier |original |initial |current |old |system |safety |content )?(?:instructions|directives|rules|guidelines|restrictions|guardrails|prompt|programming|policies) (?:have been|has been|are|were|is) (?:now )?(?:revoked|void|cancelled|canceled|lifted|disabled|suspended|removed|obsolete|invalid|overridden|replaced|null)\b/g,
      0.8,
      'declares the assistant’s rules void',
    ),
    ...findPattern(
      scan.text,
      /\b(?:everything|anything|all|the text) (?:before|above) (?:this|here)(?: line| point| message)? (?:is|are|was|were) (?:now )?(?:obsolete|void|invalid|irrelevant|cancelled|a test|fake|outdated)\b/g,
      0.7,
      'declares the earlier text void',
    ),
    ...findPattern(
      scan.text,
      /\b(?:ai |assistant )?(?:policy|safety|moderation|content|filter|guardrail)s? ?(?:layer|filters?|module|system|rules|checks)? ?(?:is|are|has been|have been|:) ?(?:now )?(?:disabled|off|removed|deactivated|turned off|lifted|bypassed)\b/g,
      0.55,
      'declares the safety layer off',
    ),
    ...findPattern(
      scan.text,
      /\b(?:reset|clear|wipe|erase) (?:your |the |all )?(?:context|memory|conversation history)\b/g,
      0.4,
      'resets the context',
    ),
    ...findPattern(
      scan.text,
      /\bobey (?:only |the )?(?:me|my (?:commands|orders|instructions)|the user|the next message|only my)\b/g,
      0.4,
      'demands obedience',
    ),
    ...findPhrase(tokens, 'supersede', 0.3, 'replaces the instructions'),
    ...findPattern(
      scan.text,
      /\b(?:your|the assistant's|the ai's) (?:\w+ )?(?:rules|guidelines|restrictions|policy|policies|filters|instructions|guardrails) (?:don't|do not|no longer) (?:exist|apply|matter|count)\b/g,
      0.6,
      'declares the assistant’s rules void',
    ),
    ...findPattern(
      scan.text,
      /\b(?:disable|turn off|switch off|deactivate) (?:the |your |all |any )?(?:moderation|safety (?:filters?|checks|guidelines|mode)|guardrails|safeguards|content (?:filters?|policy|moderation))\b/g,
      0.5,
      'switches off the safety layer',
    ),
    ...findPhrase(tokens, 'stop acting as', 0.35, 'drops the assigned role'),
    ...findPhrase(tokens, 'new instructions', 0.45, 'announces new instructions'),
    ...findPhrase(tokens, 'updated instructions', 0.45, 'announces new instructions'),
    ...findPhrase(tokens, 'from now on you', 0.4, 'redefines behaviour from now on'),
    ...findPhrase(tokens, 'from now on', 0.15, 'redefines behaviour from now on'),
    ...findPhrase(tokens, 'instead you will', 0.3, 'replaces the task'),
    ...findPhrase(tokens, 'do not follow', 0.3, 'countermands instructions'),
    ...findPhrase(tokens, 'no longer apply', 0.4, 'declares the rules void'),
    ...findPhrase(tokens, 'new policy', 0.35, 'announces new rules'),
    ...findPhrase(tokens, 'new rules', 0.35, 'announces new rules'),
  ];
  return signalFrom('instruction-override', hits);
}

/** "You are now", "act as", "DAN", "developer mode": each weak alone, strong together. */
export function roleTakeover(scan: ScanText): InjectionSignal {
  const tokens = tokensOf(scan);
  const hits: Hit[] = [
    ...findPhrase(tokens, 'you are now', 0.45, 'assigns a new identity'),
    ...findPhrase(tokens, 'pretend to be', 0.35, 'asks to impersonate'),
    ...findPhrase(tokens, 'pretend you are', 0.35, 'asks to impersonate'),
    ...findPhrase(tokens, 'act as', 0.15, 'asks to play a role'),
    ...findPhrase(tokens, 'roleplay as', 0.2, 'asks to play a role'),
    ...findPhrase(tokens, 'developer mode', 0.5, 'claims a privileged mode'),
    ...findPhrase(tokens, 'god mode', 0.4, 'claims a privileged mode'),
    ...findPhrase(tokens, 'do anything now', 0.7, 'DAN jailbreak'),
    ...findPhrase(tokens, 'no restrictions', 0.35, 'claims no restrictions'),
    ...findPhrase(tokens, 'without any restrictions', 0.35, 'claims no restrictions'),
    ...findPhrase(tokens, 'no longer bound', 0.5, 'claims no restrictions'),
    ...findPattern(
      scan.text,
      /\b(?:opposite|unrestricted|unfiltered|factory|debug|admin|sudo|evil|chaos|jailbreak|dan) mode\b/g,
      0.4,
      'claims a special mode',
    ),
    ...findPattern(
      scan.text,
      /\b(?:no|without) (?:any )?(?:content |safety |ethical |moral )?(?:policy|policies|filters|filtering|rules|limits|limitations|safety|guardrails|safeguards|censorship)\b/g,
      0.45,
      'claims no restrictions',
    ),
    ...findPattern(scan.text, JAILBREAK_WORDS, 0.35, 'jailbreak vocabulary'),
    // Case survives only in `cased`: "DAN" is the persona, "Dan" is a name. Told to *be* DAN, in
    // any case or letters ("yOu ArE dAn", Greek look-alikes), it is the persona too.
    ...danPersona(scan),
  ];
  return signalFrom('role-takeover', hits);
}

// Non-global patterns are made global once (match-words.ts) only if they are the same object each call.
const JAILBREAK_WORDS = /\b(?:jailbreak|jailbroken|unfiltered|uncensored)\b/;
const DAN_CAPITALS = /\bDAN\b/;
const BE_DAN = /\b(?:you are|you're|act as|become|pretend to be|roleplay as)(?: now)? dan\b/;

/** "DAN" in capitals; failing that, being told to *be* dan in any case or letters ("yOu ArE dAn"). */
function danPersona(scan: ScanText): Hit[] {
  const capitals = findPattern(scan.cased, DAN_CAPITALS, 0.5, 'DAN persona');
  if (capitals.length > 0) return capitals;
  return findPattern(scan.text, BE_DAN, 0.5, 'DAN persona');
}

const PROMPT_OBJECTS = words('prompt instructions rules directives guidelines message');
const EXTRACTION_QUALIFIERS = words(
  'your system initial original hidden secret above previous full entire exact first developer confidential its complete real actual',
);
const DETERMINERS = words('the a an my our your his her their this that');
const ABOVE_WHAT = words('line message conversation text');
const EXTRACTION_VERBS = words(
  'repeat print reveal show output display tell told leak dump echo share disclose recite spell copy paste expose list translate encode rewrite summarise summarize read reads quote reproduce include',
);
const ABOVE_VERBS = words('repeat print output show echo copy recite reveal');
const ABOVE = words('above');
const ABOVE_QUALIFIERS = words('everything text words all content contents');

/** "Print the text above the barcode" is about a label, not the hidden prompt. */
function aboveSomething(tokens: readonly Token[], hit: Hit): boolean {
  const index = tokens.findIndex((token) => token.end === hit.span.end);
  const next = tokens[index + 1]?.word;
  const after = tokens[index + 2]?.word;
  return next !== undefined && DETERMINERS.has(next) && (after === undefined || !ABOVE_WHAT.has(after));
}

/** "Repeat your system prompt", "reveal your instructions", "what were you told". */
export function promptExtraction(scan: ScanText): InjectionSignal {
  const tokens = tokensOf(scan);
  const hits: Hit[] = [
    ...findVerbObject(tokens, {
      verbs: EXTRACTION_VERBS,
      objects: PROMPT_OBJECTS,
      qualifiers: EXTRACTION_QUALIFIERS,
      window: 6,
      strong: 0.85,
      weak: 0,
      reason: 'asks for the system prompt',
    }),
    ...findVerbObject(tokens, {
      verbs: ABOVE_VERBS,
      objects: ABOVE,
      qualifiers: ABOVE_QUALIFIERS,
      window: 3,
      strong: 0.7,
      weak: 0,
      reason: 'asks for the hidden text above',
    }).filter((hit) => !aboveSomething(tokens, hit)),
    ...findPattern(
      scan.text,
      /\b(?:rules|instructions|guidelines|guardrails|prompt|directives|configuration|setup) (?:that )?(?:you were|were you|you've been|you have been) (?:given|configured|initiali[sz]ed|programmed|instructed|set up)\b/g,
      0.55,
      'asks about the configured instructions',
    ),
    ...findPattern(
      scan.text,
      /\b(?:you were|were you) (?:configured|initiali[sz]ed|programmed) with\b/g,
      0.35,
      'asks about the configured instructions',
    ),
    ...findPattern(
      scan.text,
      /\b(?:not allowed|forbidden|not supposed|not permitted) to (?:tell|share|reveal|show|disclose)\b/g,
      0.3,
      'asks for what is withheld',
    ),
    ...findPattern(
      scan.text,
      /\b(?:first|opening|initial|last) (?:line|lines|sentence|sentences|words?) of your (?:context|prompt|instructions|system|configuration)\b/g,
      0.7,
      'asks for the hidden prompt line by line',
    ),
    ...findPhrase(tokens, 'what were you told', 0.6, 'asks what the model was told'),
    ...findPhrase(tokens, 'what are your instructions', 0.6, 'asks for the instructions'),
    ...findPhrase(tokens, 'words above', 0.3, 'refers to the hidden text above'),
    ...findPhrase(tokens, 'text above', 0.3, 'refers to the hidden text above'),
    ...findPhrase(tokens, 'everything above', 0.3, 'refers to the hidden text above'),
  ];
  return signalFrom('prompt-extraction', hits);
}
