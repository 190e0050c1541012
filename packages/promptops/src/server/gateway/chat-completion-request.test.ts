import { describe, expect, it } from 'vitest';
import { parseChatCompletionRequest } from './chat-completion-request.ts';

const base = { model: 'prompt:support/assistant', messages: [{ role: 'user', content: 'Hi' }] };

describe('parseChatCompletionRequest', () => {
  it('reads the turns, the stream options, the sticky key and the promptops extension', () => {
    const request = parseChatCompletionRequest({
      ...base,
      messages: [
        { role: 'developer', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Hello' },
            { type: 'text', text: 'there' },
          ],
        },
      ],
      stream: true,
      stream_options: { include_usage: true },
      user: 'customer-17',
      promptops: { variables: { customer_name: 'Ada' }, variable: 'customer_message' },
    });
    expect(request).toMatchObject({
      target: { kind: 'prompt', name: 'support/assistant' },
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello\nthere' },
      ],
      stream: true,
      includeUsage: true,
      stickyKey: 'customer-17',
      variables: { customer_name: 'Ada' },
      variable: 'customer_message',
      ignored: [],
    });
  });

  it('passes sampling to ad-hoc chats, and names what a prompt version sets itself as ignored', () => {
    const sampling = {
      temperature: 0.2,
      max_completion_tokens: 50,
      stop: 'END',
      response_format: { type: 'text' },
    };
    expect(parseChatCompletionRequest({ ...base, ...sampling, model: 'openai/gpt-4o' })).toMatchObject({
      params: { temperature: 0.2, max_tokens: 50, stop: ['END'] },
      ignored: ['response_format'],
    });
    expect(parseChatCompletionRequest({ ...base, ...sampling }).ignored).toEqual([
      'temperature',
      'max_completion_tokens',
      'stop',
      'response_format',
    ]);
  });

  it('refuses what the gateway cannot honour, naming the field', () => {
    const refused = (body: Record<string, unknown>) => {
      try {
        parseChatCompletionRequest({ ...base, ...body });
      } catch (error) {
        return (error as { details: { parameter: string } }).details.parameter;
      }
      return 'accepted';
    };
    expect(refused({ n: 2 })).toBe('n');
    expect(refused({ tools: [{ type: 'function' }] })).toBe('tools');
    expect(refused({ logprobs: true })).toBe('logprobs');
    expect(refused({ modalities: ['text', 'audio'] })).toBe('modalities');
    expect(refused({ messages: [{ role: 'tool', content: 'x' }] })).toBe('messages[0].role');
    expect(refused({ messages: [{ role: 'user', content: [{ type: 'image_url' }] }] })).toBe(
      'messages[0].content[0]',
    );
    expect(refused({ messages: [{ role: 'user', content: 3 }] })).toBe('messages[0].content');
    expect(refused({ promptops: { variables: {}, temperature: 1 } })).toBe('promptops');
    expect(refused({ model: '' })).toBe('model');
    expect(refused({ n: 1, tools: [] })).toBe('accepted');
  });
});
