// Public surface of prompt-injection detection (offline, rule- and corpus-based).
export {
  type AttackIndex,
  type AttackMatch,
  attackSimilarity,
  bestAttackMatch,
  createAttackIndex,
} from './attack-similarity.ts';
export { type Canary, type CreateCanaryOptions, createCanary, leakedCanary } from './canary-token.ts';
export { type DelimiterOptions, delimiterInjection } from './delimiter-injection.ts';
export { encodedPayload } from './encoded-payload.ts';
export {
  INJECTION_SIGNAL_NAMES,
  type InjectionSignal,
  type InjectionSignalName,
  type SignalSpan,
} from './injection-signal.ts';
export {
  instructionOverride,
  promptExtraction,
  roleTakeover,
} from './injection-signals.ts';
export { type AttackFamily, KNOWN_ATTACKS, type KnownAttack } from './known-attacks.ts';
export { MAX_SCAN_CHARS, normalizeForScan, type ScanText } from './normalize-for-scan.ts';
export {
  DEFAULT_INJECTION_THRESHOLD,
  DEFAULT_SIGNAL_WEIGHTS,
  type DetectInjectionOptions,
  detectInjection,
  type InjectionVerdict,
} from './score-injection.ts';
