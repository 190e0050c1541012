/** Dimensions of `/v1/embeddings` vectors when the request does not ask for others. */
export const DEFAULT_EMBEDDING_DIMENSIONS = 64;

const WORDS = /[\p{L}\p{N}]+/gu;
const HASH_SEEDS = [0x811c9dc5, 0x5bd1e995];

// FNV-1a, 32 bits: tiny, fast and the same on every platform.
function hash(text: string, seed: number): number {
  let value = seed;
  for (let index = 0; index < text.length; index += 1) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193);
  }
  return value >>> 0;
}

function addFeature(vector: Float32Array, feature: string, weight: number): void {
  for (const seed of HASH_SEEDS) {
    const value = hash(feature, seed);
    vector[value % vector.length]! += value & 0x80000000 ? -weight : weight;
  }
}

/**
 * A deterministic unit vector for a text, by feature hashing: each lower-cased word, and at half
 * weight each of its character trigrams, adds ±1 at two hashed positions. The same text always gets
 * the same vector; texts that share words (or spell them alike: `refund`, `refunds`) are closer than
 * texts that share none, so similarity tests are reproducible. It knows nothing of meaning: synonyms
 * are as far apart as any other words.
 *
 * @example
 * embedText('refund my order').length; // 64
 */
export function embedText(text: string, dimensions = DEFAULT_EMBEDDING_DIMENSIONS): Float32Array {
  const vector = new Float32Array(dimensions);
  for (const word of text.toLowerCase().match(WORDS) ?? []) {
    addFeature(vector, word, 1);
    const padded = ` ${word} `;
    for (let start = 0; start + 3 <= padded.length; start += 1) {
      addFeature(vector, padded.slice(start, start + 3), 0.5);
    }
  }
  let norm = 0;
  for (const component of vector) norm += component * component;
  if (norm === 0) {
    vector[0] = 1; // no words at all: one fixed direction, still a unit vector
    return vector;
  }
  const scale = 1 / Math.sqrt(norm);
  for (let index = 0; index < dimensions; index += 1) vector[index]! *= scale;
  return vector;
}

/** Cosine similarity of two vectors of the same length (for unit vectors, their dot product). */
export function cosineSimilarity(left: ArrayLike<number>, right: ArrayLike<number>): number {
  let dot = 0;
  let leftNorm = 0;
  let rightNorm = 0;
  for (let index = 0; index < left.length; index += 1) {
    const a = left[index]!;
    const b = right[index]!;
    dot += a * b;
    leftNorm += a * a;
    rightNorm += b * b;
  }
  return leftNorm === 0 || rightNorm === 0 ? 0 : dot / Math.sqrt(leftNorm * rightNorm);
}
