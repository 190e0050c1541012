import type { AssertionHandler } from './assertion-handler.ts';
import { describeValue } from './describe-value.ts';
import { checkTextOrList, textList } from './spec-fields.ts';

export const DEFAULT_SIMILARITY_THRESHOLD = 0.8;

/** Cosine similarity of two vectors of the same length; 0 when either is all zeros. */
export function cosineSimilarity(left: readonly number[], right: readonly number[]): number {
  let dot = 0;
  let leftNorm = 0;
  let rightNorm = 0;
  for (let index = 0; index < left.length; index++) {
    const a = left[index] ?? 0;
    const b = right[index] ?? 0;
    dot += a * b;
    leftNorm += a * a;
    rightNorm += b * b;
  }
  return leftNorm === 0 || rightNorm === 0 ? 0 : dot / Math.sqrt(leftNorm * rightNorm);
}

/**
 * `similar`: the embedding of the text is within cosine `threshold` (default 0.8) of `value`'s, or
 * of any value in a list (the best counts). The score is the similarity. Without an embedding
 * service, or when it fails, the assertion is unmeasured.
 */
export const similarAssertion: AssertionHandler = {
  check: (spec) => checkTextOrList(spec),
  async evaluate({ spec, services, text }) {
    if (!services.embed) return { pass: null, reason: 'no embedding service configured' };
    const references = textList(spec.value);
    let vectors: number[][];
    try {
      vectors = await services.embed([text, ...references]);
    } catch (error) {
      return {
        pass: null,
        reason: `embedding failed: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    const [own, ...others] = vectors;
    if (!own || others.length !== references.length || others.some((vector) => vector.length !== own.length))
      return {
        pass: null,
        reason: `embedding service returned ${vectors.length} vectors of mismatched size`,
      };
    const best = Math.max(...others.map((vector) => cosineSimilarity(own, vector)));
    const score = Math.min(1, Math.max(0, best));
    const threshold = spec.threshold ?? DEFAULT_SIMILARITY_THRESHOLD;
    return {
      pass: best >= threshold,
      score,
      expected: `similarity ≥ ${threshold} to ${describeValue(references.length === 1 ? references[0] : references)}`,
      found: `similarity ${best.toFixed(3)}`,
    };
  },
};
