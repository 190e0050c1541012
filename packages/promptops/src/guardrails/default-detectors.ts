import { PromptopsError } from '../errors/index.ts';
import type { GuardPolicy } from '../governance/policies/guard-policy.ts';
import type { GuardDetectors } from './create-guard-hooks.ts';
import { detectInjection } from './injection/index.ts';
import { type Finding, redact, scanText } from './pii/index.ts';
import { piiTypesFor } from './pii-entity-names.ts';

/** Findings below this score (unverified look-alikes) are not acted on by guards. */
const MIN_GUARD_SCORE = 0.5;

/**
 * The built-in detectors the runtime's guards use: the offline injection scorer and PII scanner.
 * Redaction replaces each finding with its type (`[EMAIL]`), so nothing of the value reaches the model.
 */
export function defaultGuardDetectors(): GuardDetectors {
  return {
    injectionScore(text) {
      const result = detectInjection(text);
      return { score: result.score, signals: result.signals.map((signal) => signal.signal) };
    },
    scanPii(text, entities) {
      return scanText(text, { types: piiTypesFor(entities).types, minScore: MIN_GUARD_SCORE }).findings;
    },
    redactPii(text, findings) {
      return redact(text, findings as Finding[], { defaultOperator: { kind: 'replace' } }).text;
    },
  };
}

/** Refuses guard policies naming PII entities the scanner does not know (a typo would silently scan nothing). */
export function checkGuardEntities(guards: Record<string, GuardPolicy>): void {
  for (const [name, policy] of Object.entries(guards)) {
    for (const [stage, settings] of [
      ['input', policy.input],
      ['output', policy.output],
    ] as const) {
      const { unknown } = piiTypesFor(settings?.pii?.entities);
      if (unknown.length > 0) {
        throw new PromptopsError(
          'config_invalid',
          `policies.yaml guards.${name}.${stage}.pii.entities: unknown ${unknown.map((entity) => `"${entity}"`).join(', ')}`,
          { location: { file: 'policies.yaml', field: `guards.${name}.${stage}.pii.entities` } },
        );
      }
    }
  }
}
