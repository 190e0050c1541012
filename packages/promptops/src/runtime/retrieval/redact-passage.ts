import type { PromptContent } from '../../catalog/content/prompt-content.ts';
import type { Policies } from '../../governance/policies/index.ts';
import type { GuardDetectors } from '../../guardrails/create-guard-hooks.ts';

/**
 * The PII entity types retrieved text is redacted for, by the guard policies that apply to the
 * prompt (its own or its tier's, and its classification's): every type their input and output `pii`
 * checks name, or every known type (`undefined`) when one names none or no policy checks PII at
 * all. A document is someone else's data: failing open here would put it in front of the model.
 */
export function passageEntities(
  content: Pick<PromptContent, 'guards' | 'risk' | 'classification'>,
  policies: Pick<Policies, 'guards' | 'tiers' | 'guards_by_classification'>,
): readonly string[] | undefined {
  const own = content.guards?.policy ?? policies.tiers[content.risk]?.guard_policy;
  const names = [own, policies.guards_by_classification[content.classification]].filter(
    (name): name is string => name !== undefined,
  );
  const checks = names.flatMap((name) => {
    const policy = policies.guards[name];
    return [policy?.input?.pii, policy?.output?.pii].filter(
      (pii) => pii !== undefined && pii.action !== 'allow',
    );
  });
  if (checks.length === 0 || checks.some((pii) => pii?.entities === undefined)) return undefined;
  return [...new Set(checks.flatMap((pii) => pii?.entities ?? []))];
}

/** The text with the personal data of `entities` replaced (the guard's placeholders); as is without a scanner. */
export function redactPassageText(
  text: string,
  entities: readonly string[] | undefined,
  detectors: GuardDetectors,
): { text: string; redacted: number } {
  if (!detectors.scanPii || !detectors.redactPii) return { text, redacted: 0 };
  const findings = detectors.scanPii(text, entities);
  if (findings.length === 0) return { text, redacted: 0 };
  return { text: detectors.redactPii(text, findings), redacted: findings.length };
}
