import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RuntimeFixture, startRuntimeFixture } from './runtime-fixture.ts';

async function readAll(stream: AsyncIterable<string>): Promise<{ text: string; error?: Error }> {
  let text = '';
  try {
    for await (const chunk of stream) text += chunk;
    return { text };
  } catch (error) {
    return { text, error: error as Error };
  }
}

describe('runtime.stream against the scripted model server', () => {
  let fixture: RuntimeFixture;
  beforeAll(async () => {
    fixture = await startRuntimeFixture();
  });
  afterAll(() => fixture.close());
  beforeEach(() => fixture.server.reset());

  it('streams the answer in parts and ends with a complete result', async () => {
    fixture.server.setRules([
      {
        reply: {
          text: 'Forty-two, of course.',
          chunks: ['Forty', '-two, ', 'of course.'],
          usage: { inputTokens: 12, outputTokens: 6 },
        },
      },
    ]);
    const stream = fixture.runtime.stream('support/fast-answer', { question: 'six times seven?' });
    const chunks: string[] = [];
    for await (const chunk of stream.textStream) chunks.push(chunk);
    expect(chunks).toEqual(['Forty', '-two, ', 'of course.']);
    const result = await stream.result;
    expect(result).toMatchObject({
      status: 'ok',
      output: 'Forty-two, of course.',
      model: 'openai/gpt-4o-mini',
      usage: { inputTokens: 12, outputTokens: 6, estimated: false },
    });
    expect(result.timeToFirstTokenMs).toBeGreaterThan(0);
    expect(fixture.server.requests()[0]!.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('falls back before the first part when the first model is down', async () => {
    fixture.server.setRules([
      { match: { protocol: 'openai' }, reply: '', faults: { status: 503 } },
      { match: { protocol: 'anthropic' }, reply: 'From the fallback.' },
    ]);
    const stream = fixture.runtime.stream('support/fast-answer', { question: 'hi' });
    expect((await readAll(stream.textStream)).text).toBe('From the fallback.');
    const result = await stream.result;
    expect(result.model).toBe('anthropic/claude-haiku-4-5');
    expect(result.attempts.filter((attempt) => attempt.outcome === 'failed')).toHaveLength(2);
  });

  it('ends a stream cut mid-answer with an error the caller sees, never a clean success', async () => {
    fixture.server.setRules([
      {
        reply: {
          text: 'This answer will be cut off here',
          chunks: ['This ', 'answer ', 'will ', 'be cut off here'],
        },
        faults: { cutStream: { afterChunks: 2 } },
      },
    ]);
    const stream = fixture.runtime.stream('support/fast-answer', { question: 'hi' });
    const read = await readAll(stream.textStream);
    expect(read.text).toBe('This answer ');
    expect(read.error?.message).toMatch(/mid-stream|cut|ended/i);
    const result = await stream.result;
    expect(result.status).toBe('failed');
    expect(result.attempts.at(-1)).toMatchObject({ outcome: 'failed', kind: 'stream-cut' });
  });
});

describe('runtime.stream with output guards', () => {
  let fixture: RuntimeFixture;
  beforeAll(async () => {
    fixture = await startRuntimeFixture();
  });
  afterAll(() => fixture.close());

  it('cuts a banned term split across parts before it reaches the caller', async () => {
    fixture.server.setRules([
      {
        reply: {
          text: 'You could also try Globex... no: Globex sells it.',
          chunks: ['You could also try Glo', 'bex... no: Glo', 'bex sells it.'],
        },
      },
    ]);
    const stream = fixture.runtime.stream('support/assistant', {
      customer_message: 'Where else can I buy it?',
    });
    const read = await readAll(stream.textStream);
    expect(read.text).not.toContain('Globex');
    expect(read.error?.message).toContain('stopped');
    const result = await stream.result;
    expect(result).toMatchObject({ status: 'blocked', output: '' });
    expect(result.reason).toContain('Globex');
  });
});
