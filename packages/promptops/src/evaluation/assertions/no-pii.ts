import { suggestName } from '../../errors/suggest-name.ts';
import { scanText } from '../../guardrails/pii/index.ts';
import { knownEntityNames, piiTypesFor } from '../../guardrails/pii-entity-names.ts';
import type { AssertionHandler } from './assertion-handler.ts';

/** Findings below this score are too doubtful to fail a case on. */
const MIN_SCORE = 0.5;

/**
 * `no-pii`: the PII scanner finds nothing (score ≥ 0.5) in the text; `entities` narrows it to
 * some types, named as policies.yaml names them (`email`, `credit_card`, `ssn`, `secret`…).
 * Reasons name the types and positions found, never the personal data itself.
 */
export const noPiiAssertion: AssertionHandler = {
  check(spec) {
    if (spec.entities === undefined) return undefined;
    if (!Array.isArray(spec.entities) || spec.entities.some((name) => typeof name !== 'string'))
      return 'entities must be a list of entity names, like [email, phone]';
    const { unknown } = piiTypesFor(spec.entities as string[]);
    const wrong = unknown[0];
    if (wrong === undefined) return undefined;
    const suggestion = suggestName(wrong, knownEntityNames());
    return `entities: unknown "${wrong}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`;
  },
  evaluate({ spec, text }) {
    const { types } = piiTypesFor(spec.entities as string[] | undefined);
    const { findings } = scanText(text, { minScore: MIN_SCORE, ...(types ? { types } : {}) });
    // One entry per type, with how often and where first: "payment-card ×3 (first at 30)".
    const byType = new Map<string, { count: number; first: number }>();
    for (const finding of findings) {
      const seen = byType.get(finding.type);
      byType.set(finding.type, { count: (seen?.count ?? 0) + 1, first: seen?.first ?? finding.start });
    }
    const listed = [...byType]
      .map(([type, { count, first }]) =>
        count === 1 ? `${type} at ${first}` : `${type} ×${count} (first at ${first})`,
      )
      .join(', ');
    return {
      pass: findings.length === 0,
      expected: types ? `no PII of ${types.join(', ')}` : 'no PII',
      found:
        findings.length === 0
          ? 'none'
          : `${listed}${findings.length > 4 ? ` (+${findings.length - 4} more)` : ''}`,
    };
  },
};
