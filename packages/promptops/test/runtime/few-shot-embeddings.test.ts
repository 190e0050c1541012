import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RuntimeFixture, startRuntimeFixture } from './runtime-fixture.ts';

describe('few-shot examples chosen by embeddings from a configured provider', () => {
  let fixture: RuntimeFixture;
  beforeAll(async () => {
    fixture = await startRuntimeFixture({ embeddings: 'openai/text-embedding-3-small' });
    fixture.server.setRules([{ reply: { json: { intent: 'returns', confidence: 0.95, entities: {} } } }]);
  });
  afterAll(() => fixture.close());

  it('embeds the bank once per version and the input per call, and sends the nearest examples', async () => {
    await fixture.runtime.run('support/classify-intent', {
      customer_message: 'This product is defective and I want my money back',
    });
    await fixture.runtime.run('support/classify-intent', {
      customer_message: 'Where is my order from last week?',
    });
    const requests = fixture.server.requests();
    const embeddings = requests.filter((request) => request.path.endsWith('/embeddings'));
    const inputs = embeddings.map((request) => (request.body as { input: string[] }).input.length);
    expect(inputs.filter((count) => count > 1)).toHaveLength(1);
    expect(inputs.filter((count) => count === 1)).toHaveLength(2);
    const chat = requests.filter((request) => request.path.endsWith('/chat/completions'));
    const messages = (chat[0]!.body as { messages: { role: string; content: string }[] }).messages;
    // system, three example pairs, then the customer's turn
    expect(messages.map((message) => message.role)).toEqual([
      'system',
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
    ]);
  });
});
