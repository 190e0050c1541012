import type { GuardDetectors } from './create-guard-hooks.ts';
import { detectInjection } from './injection/index.ts';

/**
 * The built-in detectors the runtime's guards use: the offline injection scorer, and the PII scanner
 * once guardrails/pii lands (until then a policy's pii settings have nothing to run).
 */
export function defaultGuardDetectors(): GuardDetectors {
  return {
    injectionScore(text) {
      const result = detectInjection(text);
      return { score: result.score, signals: result.signals.map((signal) => signal.signal) };
    },
  };
}
