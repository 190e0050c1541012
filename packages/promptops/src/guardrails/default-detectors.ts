import type { GuardDetectors } from './create-guard-hooks.ts';

/**
 * The built-in detectors the runtime's guards use. The PII scanner and the injection scorer join
 * here as they land (guardrails/pii, guardrails/injection); until then policies' pii and injection
 * settings have nothing to run and only length, policy terms and commitments are enforced.
 */
export function defaultGuardDetectors(): GuardDetectors {
  return {};
}
