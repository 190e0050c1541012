import { describe, expect, it } from 'vitest';
import type { Example } from '../catalog/content/example-bank-content.ts';
import { assembleMessages } from './assemble-messages.ts';
import type { ModelMessage } from './providers/provider.ts';

const examples: Example[] = [
  { input: 'Where is my parcel?', output: 'tracking' },
  { input: 'My toaster arrived broken', output: { intent: 'refund', confidence: 0.92 } },
];
const history: ModelMessage[] = [
  { role: 'user', content: 'Hello, I have a problem with an order.' },
  { role: 'assistant', content: 'Of course, what happened?' },
];

describe('assembleMessages', () => {
  it('orders system prompt, few-shot pairs, history, then the prompt’s own turns', () => {
    const { messages, historyDropped } = assembleMessages({
      rendered: {
        messages: [
          { role: 'system', content: 'You classify support tickets.' },
          { role: 'user', content: 'Classify: my blender is broken' },
        ],
      },
      examples,
      history,
    });
    expect(messages.map(({ role, content }) => `${role}: ${content}`)).toEqual([
      'system: You classify support tickets.',
      'user: Where is my parcel?',
      'assistant: tracking',
      'user: My toaster arrived broken',
      'assistant: {"intent":"refund","confidence":0.92}',
      'user: Hello, I have a problem with an order.',
      'assistant: Of course, what happened?',
      'user: Classify: my blender is broken',
    ]);
    expect(historyDropped).toBe(0);
  });

  it('serialises an object example output as JSON the model can imitate', () => {
    const { messages } = assembleMessages({
      rendered: { text: 'Classify: late parcel' },
      examples,
      history: [],
    });
    expect(JSON.parse(messages[3]!.content)).toEqual({ intent: 'refund', confidence: 0.92 });
  });

  it('sends a text prompt as one user message, after the examples', () => {
    const { messages } = assembleMessages({
      rendered: { text: 'Summarise this ticket: the parcel is late' },
      examples: [examples[0]!],
      history: [],
    });
    expect(messages).toEqual([
      { role: 'user', content: 'Where is my parcel?' },
      { role: 'assistant', content: 'tracking' },
      { role: 'user', content: 'Summarise this ticket: the parcel is late' },
    ]);
  });

  it('keeps the prompt’s assistant turns (prefill) after the history', () => {
    const { messages } = assembleMessages({
      rendered: {
        messages: [
          { role: 'user', content: 'Reply in JSON' },
          { role: 'assistant', content: '{' },
        ],
      },
      examples: [],
      history,
    });
    expect(messages.slice(-2)).toEqual([
      { role: 'user', content: 'Reply in JSON' },
      { role: 'assistant', content: '{' },
    ]);
  });

  it('trims the history to its token budget, keeping the most recent, and says how much was dropped', () => {
    const longHistory: ModelMessage[] = [
      { role: 'user', content: 'word '.repeat(300) },
      { role: 'assistant', content: 'word '.repeat(300) },
      { role: 'user', content: 'And the refund?' },
    ];
    const { messages, historyDropped } = assembleMessages({
      rendered: { messages: [{ role: 'user', content: 'Answer the customer' }] },
      examples: [],
      history: longHistory,
      historyTokens: 50,
    });
    expect(historyDropped).toBe(2);
    expect(messages).toEqual([
      { role: 'user', content: 'And the refund?' },
      { role: 'user', content: 'Answer the customer' },
    ]);
  });

  it('sends the whole history when the prompt sets no budget', () => {
    const longHistory: ModelMessage[] = Array.from({ length: 40 }, (_, index) => ({
      role: index % 2 === 0 ? 'user' : 'assistant',
      content: `turn ${index} ${'word '.repeat(50)}`,
    }));
    const { messages, historyDropped } = assembleMessages({
      rendered: { text: 'Go on' },
      examples: [],
      history: longHistory,
    });
    expect(historyDropped).toBe(0);
    expect(messages).toHaveLength(41);
  });
});
