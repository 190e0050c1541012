import type { IncomingMessage } from 'node:http';

export type Route = 'chat' | 'messages' | 'embeddings' | 'models';

export const ROUTES: Record<string, Route> = {
  'POST /v1/chat/completions': 'chat',
  'POST /chat/completions': 'chat',
  'POST /v1/messages': 'messages',
  'POST /messages': 'messages',
  'POST /v1/embeddings': 'embeddings',
  'POST /embeddings': 'embeddings',
  'GET /v1/models': 'models',
  'GET /models': 'models',
};

export function underTestRunner(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.VITEST || env.JEST_WORKER_ID || env.NODE_TEST_CONTEXT || env.NODE_ENV === 'test');
}

/** The body as JSON; the raw text when it is not JSON; `undefined` when empty. */
export async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
