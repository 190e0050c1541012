import { z } from 'zod';
import type { RetrievalSourceConfig } from '../../catalog/files/retrieval-config.ts';
import { PromptopsError } from '../../errors/index.ts';
import { SIGNATURE_HEADER, signToolRequest, TIMESTAMP_HEADER } from '../tools/http-tool.ts';
import type { Retriever } from './passage.ts';

const Answer = z.object({
  passages: z
    .array(
      z.object({
        id: z.string().min(1).max(200),
        title: z.string().max(500).optional(),
        text: z.string(),
        version: z.string().max(200).optional(),
      }),
    )
    .max(100),
});

type HttpSource = Extract<RetrievalSourceConfig, { kind: 'http' }>;

/**
 * An `http` source: the application's retriever, POSTed `{ source, query, k, prompt, run_id }` and
 * answering `{ passages: [{ id, title?, text, version? }] }`; signed as HTTP tools are when the
 * source names a key. A failure, a timeout or an answer of another shape is `retrieval_failed`.
 */
export function httpRetriever(
  source: string,
  config: HttpSource,
  context: { prompt: string; runId: string; signal?: AbortSignal },
  environment: Record<string, string | undefined> = process.env,
): Retriever {
  return {
    async search(query, k) {
      const body = JSON.stringify({ source, query, k, prompt: context.prompt, run_id: context.runId });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (config.secret_env) {
        const key = environment[config.secret_env];
        if (!key) throw failed(source, `${config.secret_env} is not set, so the request cannot be signed`);
        const timestamp = String(Math.floor(Date.now() / 1000));
        headers[TIMESTAMP_HEADER] = timestamp;
        headers[SIGNATURE_HEADER] = signToolRequest(key, timestamp, body);
      }
      const signals = [AbortSignal.timeout(config.timeout_ms), ...(context.signal ? [context.signal] : [])];
      let text: string;
      try {
        const response = await fetch(config.url, {
          method: 'POST',
          headers,
          body,
          redirect: 'error',
          signal: AbortSignal.any(signals),
        });
        text = await response.text();
        if (!response.ok) throw failed(source, `the retriever answered ${response.status}`);
      } catch (error) {
        if (PromptopsError.isInstance(error)) throw error;
        throw failed(
          source,
          error instanceof Error && error.name === 'TimeoutError'
            ? `no answer in ${config.timeout_ms} ms`
            : String(error),
        );
      }
      let parsed: z.infer<typeof Answer>;
      try {
        parsed = Answer.parse(JSON.parse(text));
      } catch {
        throw failed(source, 'the answer is not { passages: [{ id, title?, text, version? }] }');
      }
      return parsed.passages.slice(0, k).map((passage) => ({
        source,
        docId: passage.id,
        text: passage.text,
        ...(passage.title !== undefined && { title: passage.title }),
        ...(passage.version !== undefined && { version: passage.version }),
      }));
    },
  };
}

function failed(source: string, why: string): PromptopsError {
  return new PromptopsError('retrieval_failed', `retrieval source "${source}": ${why}`, { source });
}
