import { DEFAULT_EMBEDDING_DIMENSIONS, embedText } from './embed-text.ts';
import { estimateTokens } from './model-answer.ts';

function inputTexts(input: unknown): string[] | undefined {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input) || input.length === 0) return undefined;
  // An array of numbers is one tokenised input; an array of arrays, several.
  if (input.every((item) => typeof item === 'number')) return [input.join(' ')];
  return input.map((item) =>
    typeof item === 'string' ? item : Array.isArray(item) ? item.join(' ') : String(item),
  );
}

/**
 * The body of an OpenAI `/v1/embeddings` reply, or what a 400 should say. `encoding_format: 'base64'`
 * (what the official client asks for by default) gives little-endian float32 bytes in base64.
 */
export function openaiEmbeddingsBody(body: Record<string, unknown>): { json: string } | { error: string } {
  if (typeof body.model !== 'string') return { error: 'you must provide a model parameter' };
  const texts = inputTexts(body.input);
  if (!texts) return { error: "'input' must be a non-empty string or array" };
  const dimensions = body.dimensions === undefined ? DEFAULT_EMBEDDING_DIMENSIONS : body.dimensions;
  if (
    typeof dimensions !== 'number' ||
    !Number.isInteger(dimensions) ||
    dimensions < 1 ||
    dimensions > 4096
  ) {
    return { error: "'dimensions' must be a whole number from 1 to 4096" };
  }
  const base64 = body.encoding_format === 'base64';
  let tokens = 0;
  const data = texts.map((text, index) => {
    tokens += estimateTokens(text);
    const vector = embedText(text, dimensions);
    const embedding = base64
      ? Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64')
      : Array.from(vector);
    return { object: 'embedding', index, embedding };
  });
  const usage = { prompt_tokens: tokens, total_tokens: tokens };
  return { json: JSON.stringify({ object: 'list', data, model: body.model, usage }) };
}
