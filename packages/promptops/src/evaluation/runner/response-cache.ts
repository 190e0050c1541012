import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson, sha256Hex } from '../../catalog/content/canonical-json.ts';
import type {
  ModelProvider,
  ModelRequest,
  ModelResponse,
  ModelStreamPart,
} from '../../runtime/providers/provider.ts';

/** Stored model answers, keyed by the exact request. */
export interface ResponseCache {
  get(key: string): Promise<ModelResponse | undefined>;
  set(key: string, response: ModelResponse): Promise<void>;
}

/**
 * The key of a request: the provider and everything sent (model, messages, parameters, format,
 * tools), canonically serialised. Any change — a word of the prompt, the temperature — misses.
 */
export function requestKey(provider: string, request: ModelRequest): string {
  const { signal: _signal, ...sent } = request;
  return sha256Hex(canonicalJson({ provider, ...sent }));
}

/**
 * One JSON file per answer under `dir` (`.promptops/eval-cache` by default), written atomically, so
 * re-running a suite on unchanged prompts costs nothing and gives the same answers.
 */
export function createFileResponseCache(dir: string): ResponseCache {
  const pathOf = (key: string) => join(dir, key.slice(0, 2), `${key}.json`);
  return {
    async get(key) {
      try {
        return JSON.parse(await readFile(pathOf(key), 'utf8')) as ModelResponse;
      } catch {
        return undefined;
      }
    },
    async set(key, response) {
      const path = pathOf(key);
      await mkdir(join(dir, key.slice(0, 2)), { recursive: true });
      const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      await writeFile(temporary, JSON.stringify(response));
      await rename(temporary, path);
    },
  };
}

/**
 * A provider that answers repeated requests from the cache. Streams are replayed as one text delta
 * and a finish part; a live stream is passed through and stored once it finishes.
 */
export function withResponseCache(provider: ModelProvider, cache: ResponseCache): ModelProvider {
  return {
    name: provider.name,
    protocol: provider.protocol,
    ...(provider.embed && { embed: provider.embed.bind(provider) }),
    ...(provider.close && { close: provider.close.bind(provider) }),
    async generate(request) {
      const key = requestKey(provider.name, request);
      const cached = await cache.get(key);
      if (cached) return cached;
      const response = await provider.generate(request);
      await cache.set(key, response);
      return response;
    },
    async *stream(request): AsyncIterable<ModelStreamPart> {
      const key = requestKey(provider.name, request);
      const cached = await cache.get(key);
      if (cached) {
        if (cached.text) yield { type: 'text-delta', text: cached.text };
        for (const call of cached.toolCalls) yield { type: 'tool-call', call };
        yield { type: 'finish', finishReason: cached.finishReason, usage: cached.usage, model: cached.model };
        return;
      }
      let text = '';
      const toolCalls: ModelResponse['toolCalls'] = [];
      for await (const part of provider.stream(request)) {
        if (part.type === 'text-delta') text += part.text;
        else if (part.type === 'tool-call') toolCalls.push(part.call);
        else {
          await cache.set(key, {
            text,
            toolCalls,
            finishReason: part.finishReason,
            usage: part.usage,
            model: part.model,
          } as ModelResponse);
        }
        yield part;
      }
    },
  };
}
