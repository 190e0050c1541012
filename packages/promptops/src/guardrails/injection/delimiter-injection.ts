// Delimiter and markup injection: text that pretends the untrusted part has ended and a system or
// assistant turn begins.
import { type InjectionSignal, signalFrom } from './injection-signal.ts';
import { findPattern, type Hit } from './match-words.ts';
import type { ScanText } from './normalize-for-scan.ts';

export type DelimiterOptions = {
  /** Tag names the application wraps untrusted text in; a closing tag in input is an escape attempt. */
  appDelimiters?: readonly string[];
};

const CHAT_MARKUP: readonly [RegExp, number, string][] = [
  [/<\/?(?:system|assistant|sys|instructions?)\s?>/g, 0.7, 'fake role tag'],
  [/<\|[a-z_]{1,30}\|>/g, 0.8, 'chat-template control token'],
  [/\[\/?inst\]/g, 0.7, 'Llama instruction marker'],
  [/<<\/?sys>>/g, 0.8, 'Llama system marker'],
  [
    /^[ \t]{0,8}#{2,6}[ \t]{0,4}(?:system|instructions?|new instructions?)[ \t]{0,4}:?[ \t]{0,4}$/gm,
    0.5,
    'markdown role header',
  ],
  [/^[ \t]{0,8}(?:system|assistant)[ \t]{0,4}:/gm, 0.35, 'role label at line start'],
  [/<\/[a-z_-]{0,30}(?:message|input|query|document|data|user|context)>/g, 0.5, 'closes a wrapper tag'],
  [/<\/?[a-z_-]{0,20}(?:override|admin|sudo|root|operator)[a-z_-]{0,20}[\s>]/g, 0.5, 'privileged tag'],
  [
    /\bend[ _-]of[ _-](?:conversation|prompt|instructions|context|system[ _-]prompt|user[ _-]input)\b/g,
    0.35,
    'fake end marker',
  ],
  [
    /\b(?:system|admin|administrator|operator|owner|developer|root) (?:notice|command|override|message|update|instruction|directive)s?\s?:/g,
    0.45,
    'fake privileged notice',
  ],
];

/** Fake `</system>`, `<|im_start|>`, `[INST]`, `### system`, or the app's own closing delimiter. */
export function delimiterInjection(scan: ScanText, options: DelimiterOptions = {}): InjectionSignal {
  const hits: Hit[] = [];
  for (const [pattern, score, reason] of CHAT_MARKUP)
    hits.push(...findPattern(scan.text, pattern, score, reason));
  for (const name of options.appDelimiters ?? []) {
    const closing = `</${name.toLowerCase()}>`;
    let from = scan.text.indexOf(closing);
    while (from !== -1) {
      hits.push({
        span: { start: from, end: from + closing.length, reason: 'closes the app delimiter' },
        score: 0.9,
      });
      from = scan.text.indexOf(closing, from + closing.length);
    }
  }
  return signalFrom('delimiter-injection', hits);
}
