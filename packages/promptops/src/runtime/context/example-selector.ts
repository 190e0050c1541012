import type { Example } from '../../catalog/content/example-bank-content.ts';
import type { ModelProvider } from '../providers/provider.ts';
import { selectExamples, termVector } from './select-examples.ts';

export interface ExampleSelection {
  examples: Example[];
  /** Which similarity chose them: `embeddings:<provider/model>` or the built-in `lexical`. */
  method: string;
  warning?: string;
}

export type ExampleSelector = (input: {
  /** Identifies the bank version, so its example embeddings are computed once. */
  bankKey: string;
  query: string;
  examples: Example[];
  k: number;
  mode: 'similarity' | 'first' | 'random';
}) => Promise<ExampleSelection>;

/**
 * Few-shot selection by embedding similarity (the first seed's select_examples) when promptops.yaml
 * configures an embeddings model, else the built-in lexical similarity. Example embeddings are
 * cached per bank version (immutable); a failing embeddings call falls back to lexical and says so.
 */
export function createExampleSelector(embeddings?: {
  id: string;
  provider: ModelProvider;
  model: string;
}): ExampleSelector {
  const cache = new Map<string, Promise<number[][]>>();
  const lexicalVectors = new Map<string, Map<string, number>[]>();
  const lexical = (
    bankKey: string,
    query: string,
    examples: Example[],
    k: number,
    mode: 'similarity' | 'first' | 'random',
  ) => {
    let vectors = lexicalVectors.get(bankKey);
    if (!vectors && mode === 'similarity') {
      vectors = examples.map((example) => termVector(example.input));
      if (lexicalVectors.size > 1_000) lexicalVectors.delete(lexicalVectors.keys().next().value!);
      lexicalVectors.set(bankKey, vectors);
    }
    return selectExamples(query, examples, k, mode, Math.random, vectors);
  };
  return async ({ bankKey, query, examples, k, mode }) => {
    const provider = embeddings?.provider;
    if (mode !== 'similarity' || !embeddings || !provider?.embed) {
      const chosen = lexical(bankKey, query, examples, k, mode);
      return { examples: chosen.examples, method: chosen.method };
    }
    try {
      let vectors = cache.get(bankKey);
      if (!vectors) {
        vectors = provider
          .embed({ model: embeddings.model, input: examples.map((example) => example.input) })
          .then((response) => response.embeddings);
        cache.set(bankKey, vectors);
        vectors.catch(() => cache.delete(bankKey));
      }
      const [exampleVectors, queryResponse] = await Promise.all([
        vectors,
        provider.embed({ model: embeddings.model, input: [query] }),
      ]);
      const queryVector = queryResponse.embeddings[0] ?? [];
      const ranked = examples
        .map((example, index) => ({
          example,
          index,
          score: cosine(queryVector, exampleVectors[index] ?? []),
        }))
        .sort((left, right) => right.score - left.score || left.index - right.index);
      return {
        examples: ranked.slice(0, k).map((entry) => entry.example),
        method: `embeddings:${embeddings.id}`,
      };
    } catch (error) {
      const chosen = lexical(bankKey, query, examples, k, mode);
      return {
        examples: chosen.examples,
        method: chosen.method,
        warning: `embeddings from ${embeddings.id} failed (${(error as Error).message}); examples chosen by lexical similarity`,
      };
    }
  };
}

function cosine(left: number[], right: number[]): number {
  let dot = 0;
  let leftNorm = 0;
  let rightNorm = 0;
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    dot += left[index]! * right[index]!;
    leftNorm += left[index]! * left[index]!;
    rightNorm += right[index]! * right[index]!;
  }
  return leftNorm === 0 || rightNorm === 0 ? 0 : dot / Math.sqrt(leftNorm * rightNorm);
}
