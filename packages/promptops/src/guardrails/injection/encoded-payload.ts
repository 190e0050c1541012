// Encoded payloads: base64, hex and URL-encoded runs are decoded and the phrase signals run on the
// result; homoglyph and zero-width tricks are undone by the normaliser and counted here.

import { delimiterInjection } from './delimiter-injection.ts';
import { type InjectionSignal, signalFrom } from './injection-signal.ts';
import { instructionOverride, promptExtraction, roleTakeover } from './injection-signals.ts';
import { allMatches, type Hit } from './match-words.ts';
import { normalizeForScan, type ScanText } from './normalize-for-scan.ts';
import { obfuscationVariants } from './obfuscation-variants.ts';

/** At most this many encoded runs are decoded per message, to bound the work. */
const MAX_DECODED_RUNS = 32;

const BASE64_RUN = /[A-Za-z0-9+/_-]{16,}={0,2}/g;
// No \b around the run: a failed boundary after a long run would backtrack quadratically.
const HEX_RUN = /[0-9a-fA-F]{16,}/g;
const URL_ENCODED_RUN = /[^\s%]{0,200}%[0-9a-fA-F]{2}[^\s]{0,4000}/g;

/** Decode base64 (standard or URL alphabet) to text, or undefined when it is not printable text. */
export function decodeBase64Text(run: string): string | undefined {
  const bytes = Buffer.from(run.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return printable(bytes.toString('utf8'));
}

function decodeHexText(run: string): string | undefined {
  if (run.length % 2 !== 0) return undefined;
  return printable(Buffer.from(run, 'hex').toString('utf8'));
}

function decodeUrlText(run: string): string | undefined {
  try {
    return printable(decodeURIComponent(run.replace(/\+/g, ' ')));
  } catch {
    return undefined;
  }
}

function printable(text: string): string | undefined {
  if (text.length < 8) return undefined;
  let readable = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if ((code >= 0x20 && code < 0x7f) || code === 0x0a || code === 0x09 || code > 0xa0) readable += 1;
  }
  return readable / text.length >= 0.9 && !text.includes('\uFFFD') ? text : undefined;
}

type Decoder = { name: string; pattern: RegExp; decode: (run: string) => string | undefined };

const DECODERS: readonly Decoder[] = [
  { name: 'base64', pattern: BASE64_RUN, decode: decodeBase64Text },
  { name: 'hex', pattern: HEX_RUN, decode: decodeHexText },
  { name: 'url-encoded', pattern: URL_ENCODED_RUN, decode: decodeUrlText },
];

function phraseScore(decoded: string): number {
  const scan = normalizeForScan(decoded);
  return Math.max(
    instructionOverride(scan).score,
    roleTakeover(scan).score,
    promptExtraction(scan).score,
    delimiterInjection(scan).score,
  );
}

/**
 * Decodes encoded runs in the original (case-preserving) text and scores what they say. Hiding an
 * instruction is itself evidence, so a decoded phrase scores higher than the same phrase in clear.
 */
export function encodedPayload(scan: ScanText): InjectionSignal {
  const hits: Hit[] = [];
  let decodedRuns = 0;
  for (const decoder of DECODERS) {
    for (const match of allMatches(scan.cased, decoder.pattern)) {
      if (decodedRuns >= MAX_DECODED_RUNS) break;
      const decoded = decoder.decode(match[0]);
      if (decoded === undefined) continue;
      decodedRuns += 1;
      const score = phraseScore(decoded);
      if (score >= 0.3) {
        const span = {
          start: match.index,
          end: match.index + match[0].length,
          reason: `${decoder.name} payload`,
        };
        hits.push({ span, score: Math.min(1, score + 0.3) });
      }
    }
  }
  let plainScore: number | undefined;
  for (const variant of obfuscationVariants(scan.text, scan.cased)) {
    const score = phraseScore(variant.text);
    // Only when the variant says more than the plain text, so a clear attack is not counted twice.
    plainScore ??= phraseScore(scan.text);
    if (score >= 0.3 && score > plainScore) {
      const span = { start: 0, end: scan.text.length, reason: `${variant.name} payload` };
      hits.push({ span, score: Math.min(1, score + 0.2) });
    }
  }
  if (scan.mixedScriptWords > 0 || scan.zeroWidthCount > 0) {
    const reason = `obfuscation: ${scan.mixedScriptWords} mixed-script words, ${scan.zeroWidthCount} zero-width characters`;
    hits.push({ span: { start: 0, end: 0, reason }, score: scan.mixedScriptWords > 0 ? 0.3 : 0.15 });
  }
  return signalFrom('encoded-payload', hits);
}
