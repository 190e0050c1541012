import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ModelProvider, ModelRequest, ModelStreamPart } from '../../runtime/providers/provider.ts';
import { createFileResponseCache, requestKey, withResponseCache } from './response-cache.ts';

function countingProvider() {
  let calls = 0;
  const provider: ModelProvider = {
    name: 'openai',
    protocol: 'openai',
    async generate(request) {
      calls += 1;
      return {
        text: `answer ${calls} to ${request.messages.at(-1)?.content}`,
        toolCalls: [],
        finishReason: 'stop',
        usage: { inputTokens: 3, outputTokens: 2 },
        model: request.model,
      };
    },
    async *stream(request): AsyncIterable<ModelStreamPart> {
      calls += 1;
      yield { type: 'text-delta', text: 'stre' };
      yield { type: 'text-delta', text: 'amed' };
      yield { type: 'finish', finishReason: 'stop', usage: null, model: request.model };
    },
  };
  return { provider, calls: () => calls };
}

const request = (content: string, temperature = 0): ModelRequest => ({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content }],
  parameters: { temperature },
});

describe('the eval response cache', () => {
  const folders: string[] = [];
  afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));
  const cacheDir = async () => {
    const folder = await mkdtemp(join(tmpdir(), 'promptops-eval-cache-'));
    folders.push(folder);
    return folder;
  };

  it('answers the exact same request from disk, and misses on any change', async () => {
    const { provider, calls } = countingProvider();
    const dir = await cacheDir();
    const cached = withResponseCache(provider, createFileResponseCache(dir));
    const first = await cached.generate(request('hi'));
    // A new process: a fresh cache object over the same folder.
    const again = await withResponseCache(provider, createFileResponseCache(dir)).generate(request('hi'));
    expect(again).toEqual(first);
    expect(calls()).toBe(1);
    await cached.generate(request('hi', 0.7));
    await cached.generate(request('hi!'));
    expect(calls()).toBe(3);
    expect(requestKey('openai', request('hi'))).not.toBe(requestKey('anthropic', request('hi')));
  });

  it('replays a stored stream', async () => {
    const { provider, calls } = countingProvider();
    const cached = withResponseCache(provider, createFileResponseCache(await cacheDir()));
    const collect = async () => {
      let text = '';
      for await (const part of cached.stream(request('s'))) if (part.type === 'text-delta') text += part.text;
      return text;
    };
    expect(await collect()).toBe('streamed');
    expect(await collect()).toBe('streamed');
    expect(calls()).toBe(1);
  });
});
