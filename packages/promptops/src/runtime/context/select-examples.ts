import type { Example } from '../../catalog/content/example-bank-content.ts';

export type SimilarityMethod = 'lexical';

/**
 * Few-shot selection (the first seed's select_examples): the k examples most similar to the input.
 * Built in: lexical similarity — cosine over word and word-bigram counts, which needs no model. An
 * embeddings provider can replace it; results name the method used so nobody mistakes one for the other.
 */
export function selectExamples(
  query: string,
  examples: Example[],
  k: number,
  mode: 'similarity' | 'first' | 'random' = 'similarity',
  random: () => number = Math.random,
  /** The examples' term vectors when the caller keeps them (they depend only on the bank version). */
  exampleVectors?: Map<string, number>[],
): { examples: Example[]; method: SimilarityMethod | 'first' | 'random' } {
  if (mode === 'first') return { examples: examples.slice(0, k), method: 'first' };
  if (mode === 'random') {
    // Fisher–Yates: every example equally likely (sorting by a random comparator is biased).
    const shuffled = [...examples];
    for (let index = shuffled.length - 1; index > 0; index--) {
      const other = Math.floor(random() * (index + 1));
      [shuffled[index], shuffled[other]] = [shuffled[other]!, shuffled[index]!];
    }
    return { examples: shuffled.slice(0, k), method: 'random' };
  }
  const queryVector = termVector(query);
  const scored = examples.map((example, index) => ({
    example,
    index,
    score: cosine(queryVector, exampleVectors?.[index] ?? termVector(example.input)),
  }));
  scored.sort((left, right) => right.score - left.score || left.index - right.index);
  return { examples: scored.slice(0, k).map((entry) => entry.example), method: 'lexical' };
}

export function termVector(text: string): Map<string, number> {
  const words =
    text
      .toLowerCase()
      .normalize('NFKC')
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  const vector = new Map<string, number>();
  const add = (term: string) => vector.set(term, (vector.get(term) ?? 0) + 1);
  words.forEach((word, index) => {
    add(word);
    if (index > 0) add(`${words[index - 1]} ${word}`);
  });
  return vector;
}

function cosine(left: Map<string, number>, right: Map<string, number>): number {
  let dot = 0;
  for (const [term, count] of left) dot += count * (right.get(term) ?? 0);
  const norm = (vector: Map<string, number>) =>
    Math.sqrt([...vector.values()].reduce((sum, count) => sum + count * count, 0));
  const denominator = norm(left) * norm(right);
  return denominator === 0 ? 0 : dot / denominator;
}
