// Combines the injection signals into one score (weighted noisy-OR) and a verdict against a
// threshold that policy sets. A verdict is a value, never an exception.
import { type AttackIndex, attackSimilarity } from './attack-similarity.ts';
import { dataExfiltration } from './data-exfiltration.ts';
import { delimiterInjection } from './delimiter-injection.ts';
import { encodedPayload } from './encoded-payload.ts';
import { indirectInjection } from './indirect-injection.ts';
import { type InjectionSignal, type InjectionSignalName, noisyOr } from './injection-signal.ts';
import { instructionOverride, promptExtraction, roleTakeover } from './injection-signals.ts';
import { multilingualOverride } from './multilingual-override.ts';
import { MAX_SCAN_CHARS, normalizeForScan } from './normalize-for-scan.ts';
import { refusalSuppression } from './refusal-suppression.ts';
import { socialEngineering } from './social-engineering.ts';

/** How much each signal counts; role takeover alone ("act as") should rarely flag. */
export const DEFAULT_SIGNAL_WEIGHTS: Readonly<Record<InjectionSignalName, number>> = {
  'instruction-override': 1,
  'role-takeover': 0.85,
  'prompt-extraction': 0.9,
  'delimiter-injection': 0.9,
  'encoded-payload': 1,
  'attack-similarity': 0.7,
  'multilingual-override': 1,
  'indirect-injection': 1,
  'refusal-suppression': 0.9,
  'data-exfiltration': 1,
  'social-engineering': 0.8,
};

export const DEFAULT_INJECTION_THRESHOLD = 0.5;

export type DetectInjectionOptions = {
  /** Score at or above which the text is flagged; default 0.5. */
  threshold?: number;
  weights?: Partial<Record<InjectionSignalName, number>>;
  /** Signals to leave out (e.g. `['attack-similarity']` to measure the rules alone). */
  disabled?: readonly InjectionSignalName[];
  /** Tag names the app wraps untrusted text in, e.g. `['customer_message']`. */
  appDelimiters?: readonly string[];
  /** Replace or extend the shipped known-attack corpus (see createAttackIndex). */
  attackIndex?: AttackIndex;
};

export type InjectionVerdict = {
  score: number;
  flagged: boolean;
  threshold: number;
  /** Signals that fired (score > 0), strongest first. */
  signals: InjectionSignal[];
  /** True when only the first {@link MAX_SCAN_CHARS} characters (64 KB) were scanned. */
  truncated: boolean;
  scannedChars: number;
};

/**
 * Score a message for prompt injection, offline.
 * @example
 * const verdict = detectInjection(userText, { threshold: 0.6, appDelimiters: ['customer_message'] });
 * if (verdict.flagged) return { outcome: 'guard-block', reasons: verdict.signals };
 */
export function detectInjection(text: string, options: DetectInjectionOptions = {}): InjectionVerdict {
  const threshold = options.threshold ?? DEFAULT_INJECTION_THRESHOLD;
  const weights = { ...DEFAULT_SIGNAL_WEIGHTS, ...options.weights };
  const disabled = new Set(options.disabled ?? []);
  const scan = normalizeForScan(text);
  const runners: Record<InjectionSignalName, () => InjectionSignal> = {
    'instruction-override': () => instructionOverride(scan),
    'role-takeover': () => roleTakeover(scan),
    'prompt-extraction': () => promptExtraction(scan),
    'delimiter-injection': () => delimiterInjection(scan, { appDelimiters: options.appDelimiters }),
    'encoded-payload': () => encodedPayload(scan),
    'attack-similarity': () => attackSimilarity(scan, options.attackIndex),
    'multilingual-override': () => multilingualOverride(scan),
    'indirect-injection': () => indirectInjection(scan),
    'refusal-suppression': () => refusalSuppression(scan),
    'data-exfiltration': () => dataExfiltration(scan),
    'social-engineering': () => socialEngineering(scan),
  };
  const signals: InjectionSignal[] = [];
  for (const [name, run] of Object.entries(runners) as [InjectionSignalName, () => InjectionSignal][]) {
    if (disabled.has(name)) continue;
    const signal = run();
    if (signal.score > 0) signals.push(signal);
  }
  signals.sort((left, right) => right.score - left.score);
  const score = noisyOr(signals.map((signal) => signal.score * weights[signal.signal]));
  return {
    score,
    flagged: score >= threshold,
    threshold,
    signals,
    truncated: scan.truncated,
    scannedChars: Math.min(text.length, MAX_SCAN_CHARS),
  };
}
