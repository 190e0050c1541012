import type { DataClassification } from '../../catalog/content/names.ts';
import type { Policies } from '../../governance/policies/policies-schema.ts';
import { matchesModelGlob } from './model-glob.ts';

export type ModelAllowance = { allowed: true } | { allowed: false; reason: string };

/**
 * What a classification allows when policies.yaml does not list it. Restricted data goes nowhere
 * until someone names the models it may reach: failing closed is the only safe reading for the
 * most sensitive tier. The other tiers stay open so a new project works before it writes policies.
 */
export const ALLOWED_WHEN_UNLISTED: Readonly<Record<DataClassification, boolean>> = {
  public: true,
  internal: true,
  confidential: true,
  restricted: false,
};

/**
 * Whether data of a classification may be sent to a model, by `models_by_classification` in
 * policies.yaml. A listed classification allows exactly the models its globs match (an empty list
 * allows none); see ALLOWED_WHEN_UNLISTED for one left out.
 *
 * @example
 * isModelAllowed('openai/gpt-4o', 'confidential', { models_by_classification: { confidential: ['azure/*'] } });
 * // { allowed: false, reason: 'openai/gpt-4o is not allowed for confidential data: ... allows azure/*' }
 */
export function isModelAllowed(
  modelId: string,
  classification: DataClassification,
  policies: Pick<Policies, 'models_by_classification'>,
): ModelAllowance {
  const globs = policies.models_by_classification[classification];
  if (globs === undefined) {
    if (ALLOWED_WHEN_UNLISTED[classification]) return { allowed: true };
    return {
      allowed: false,
      reason:
        `${modelId} is not allowed for ${classification} data: ${classification} data reaches only the models ` +
        `listed under models_by_classification.${classification} in policies.yaml, and none are listed`,
    };
  }
  if (globs.some((glob) => matchesModelGlob(glob, modelId))) return { allowed: true };
  const allows = globs.length > 0 ? `allows ${globs.join(', ')}` : 'is an empty list, which allows no model';
  return {
    allowed: false,
    reason: `${modelId} is not allowed for ${classification} data: policies.yaml models_by_classification.${classification} ${allows}`,
  };
}
