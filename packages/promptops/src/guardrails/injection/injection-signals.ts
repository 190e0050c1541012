// The phrase-level signals of issue "prompt-injection defence". Each reads the normalised text
// (see normalize-for-scan.ts) and returns { signal, score, spans }.
import { type InjectionSignal, signalFrom } from './injection-signal.ts';
import { findPattern, findPhrase, findVerbObject, type Hit } from './match-words.ts';
import { type ScanText, tokenize } from './normalize-for-scan.ts';

/** A set from space-separated words, so word lists stay one line each. */
function words(list: string): ReadonlySet<string> {
  return new Set(list.split(' '));
}

const INSTRUCTION_OBJECTS = words(
  'instruction instructions rule rules prompt prompts directive directives guideline guidelines guidance constraints restrictions directions programming context orders commands policy policies',
);
const OVERRIDE_QUALIFIERS = words(
  'previous prior above earlier preceding all any every your initial original system existing those these old foregoing safety',
);

/** "Ignore all previous instructions", "new instructions:", "from now on you …". */
export function instructionOverride(scan: ScanText): InjectionSignal {
  const tokens = tokenize(scan.text);
  const hits: Hit[] = [
    ...findVerbObject(tokens, {
      verbs: words('ignore disregard forget override bypass skip abandon drop discard'),
      objects: INSTRUCTION_OBJECTS,
      qualifiers: OVERRIDE_QUALIFIERS,
      window: 5,
      strong: 0.9,
      weak: 0.3,
      reason: 'verb dismissing earlier instructions',
    }),
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
  const tokens = tokenize(scan.text);
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
      /\b(?:no|without) (?:any )?(?:content )?(?:policy|policies|filters|filtering|rules|limits|limitations)\b/g,
      0.45,
      'claims no restrictions',
    ),
    ...findPattern(
      scan.text,
      /\b(?:jailbreak|jailbroken|unfiltered|uncensored)\b/,
      0.35,
      'jailbreak vocabulary',
    ),
    // Case survives only in `cased`: "DAN" is the persona, "Dan" is a name.
    ...findPattern(scan.cased, /\bDAN\b/, 0.5, 'DAN persona'),
  ];
  return signalFrom('role-takeover', hits);
}

const PROMPT_OBJECTS = words('prompt instructions rules directives guidelines message');
const EXTRACTION_QUALIFIERS = words(
  'your system initial original hidden secret above previous full entire exact first developer confidential',
);

/** "Repeat your system prompt", "reveal your instructions", "what were you told". */
export function promptExtraction(scan: ScanText): InjectionSignal {
  const tokens = tokenize(scan.text);
  const hits: Hit[] = [
    ...findVerbObject(tokens, {
      verbs: words(
        'repeat print reveal show output display tell leak dump echo share disclose recite spell copy paste expose list translate encode rewrite',
      ),
      objects: PROMPT_OBJECTS,
      qualifiers: EXTRACTION_QUALIFIERS,
      window: 6,
      strong: 0.85,
      weak: 0,
      reason: 'asks for the system prompt',
    }),
    ...findVerbObject(tokens, {
      verbs: words('repeat print output show echo copy recite reveal'),
      objects: words('above'),
      qualifiers: words('everything text words all content contents'),
      window: 3,
      strong: 0.7,
      weak: 0,
      reason: 'asks for the hidden text above',
    }),
    ...findPhrase(tokens, 'what were you told', 0.6, 'asks what the model was told'),
    ...findPhrase(tokens, 'what are your instructions', 0.6, 'asks for the instructions'),
    ...findPhrase(tokens, 'words above', 0.3, 'refers to the hidden text above'),
    ...findPhrase(tokens, 'text above', 0.3, 'refers to the hidden text above'),
    ...findPhrase(tokens, 'everything above', 0.3, 'refers to the hidden text above'),
  ];
  return signalFrom('prompt-extraction', hits);
}
