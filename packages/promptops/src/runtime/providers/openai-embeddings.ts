import type { CallIdentity } from './call-failure.ts';
import { callFailure } from './call-failure.ts';
import type { EmbeddingRequest, EmbeddingResponse } from './provider.ts';

/** OpenAI's `/embeddings`: `{ model, input: [...] }` → `data[i].embedding`, `usage.prompt_tokens`. */
export const OPENAI_EMBEDDINGS = {
  path: '/embeddings',
  body: (request: EmbeddingRequest) => ({ model: request.model, input: request.input }),
  readResponse(json: unknown, call: CallIdentity): EmbeddingResponse {
    const body = json as {
      data?: { index?: number; embedding?: unknown }[];
      usage?: { prompt_tokens?: number };
    };
    if (!Array.isArray(body.data) || body.data.some((item) => !Array.isArray(item.embedding))) {
      throw callFailure(call, 'bad-response', 'the embeddings response has no data[].embedding');
    }
    const ordered = [...body.data].sort((left, right) => (left.index ?? 0) - (right.index ?? 0));
    return {
      embeddings: ordered.map((item) => item.embedding as number[]),
      usage: typeof body.usage?.prompt_tokens === 'number' ? { inputTokens: body.usage.prompt_tokens } : null,
    };
  },
};
