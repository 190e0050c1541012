import { DATA_CLASSIFICATIONS, type DataClassification } from '../../catalog/content/names.ts';
import type { RetrievalSourceConfig } from '../../catalog/files/retrieval-config.ts';
import type { Policies } from './policies-schema.ts';

/**
 * The source classifications a prompt of `classification` may read: policies.yaml
 * `retrieval_by_classification`, or, when the classification is not listed, its own and the ones
 * below it (a public prompt never reads internal documents; a confidential one reads public,
 * internal and confidential ones).
 */
export function readableClassifications(
  classification: DataClassification,
  policies: Pick<Policies, 'retrieval_by_classification'>,
): readonly DataClassification[] {
  return (
    policies.retrieval_by_classification[classification] ??
    DATA_CLASSIFICATIONS.slice(0, DATA_CLASSIFICATIONS.indexOf(classification) + 1)
  );
}

/**
 * Why a prompt may not retrieve from a source, or undefined when it may: the source must be
 * configured, its classification readable at the prompt's classification, and, when it names
 * environments, the run's environment among them (`environment` undefined: not checked, as at push).
 *
 * @example
 * retrievalRefusal({ prompt: 'support/faq', classification: 'public', source: 'hr', config: { kind: 'postgres-fts', classification: 'confidential' } }, policies)
 * // 'support/faq (public) may not retrieve from "hr" (confidential): policies.yaml retrieval_by_classification.public allows public'
 */
export function retrievalRefusal(
  request: {
    prompt: string;
    classification: DataClassification;
    source: string;
    config: RetrievalSourceConfig | undefined;
    environment?: string | null;
  },
  policies: Pick<Policies, 'retrieval_by_classification'>,
): string | undefined {
  const { prompt, classification, source, config, environment } = request;
  if (!config)
    return `${prompt} names retrieval source "${source}", which promptops.yaml retrieval.sources does not define`;
  const readable = readableClassifications(classification, policies);
  if (!readable.includes(config.classification)) {
    const rule = policies.retrieval_by_classification[classification]
      ? `policies.yaml retrieval_by_classification.${classification} allows ${readable.length > 0 ? readable.join(', ') : 'none'}`
      : `without a retrieval_by_classification.${classification} rule, a ${classification} prompt reads ${readable.join(', ')} sources only`;
    return `${prompt} (${classification}) may not retrieve from "${source}" (${config.classification}): ${rule}`;
  }
  if (environment !== undefined && config.environments && !config.environments.includes(environment ?? '')) {
    return `${prompt} may not retrieve from "${source}" in ${environment ?? 'a run without an environment'}: the source is for ${config.environments.join(', ')} only`;
  }
  return undefined;
}
