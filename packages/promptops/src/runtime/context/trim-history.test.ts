import { describe, expect, it } from 'vitest';
import { countTextTokens } from '../../templates/index.ts';
import type { ModelMessage } from '../providers/provider.ts';
import { trimHistory } from './trim-history.ts';

/** Tokens a message takes in the history budget: its content plus the per-message framing. */
const tokensOf = (message: ModelMessage) => countTextTokens(message.content) + 3;
const total = (messages: ModelMessage[]) => messages.reduce((sum, message) => sum + tokensOf(message), 0);

const system: ModelMessage = { role: 'system', content: 'You are the support assistant of Acme.' };
const turns: ModelMessage[] = [
  { role: 'user', content: 'My blender arrived broken, the jar is cracked all the way down.' },
  { role: 'assistant', content: 'I am sorry to hear that. Could you give me the order number?' },
  { role: 'user', content: 'It is 48213.' },
  { role: 'assistant', content: 'Thanks. I can offer a replacement or a refund.' },
  { role: 'user', content: 'A refund, please.' },
];

describe('trimHistory', () => {
  it('keeps everything, in order, when the history fits', () => {
    const history = [system, ...turns];
    expect(trimHistory(history, total(history))).toEqual({ messages: history, dropped: 0 });
  });

  it('keeps the most recent messages that fit and reports how many older ones were dropped', () => {
    const history = [system, ...turns];
    const lastThree = turns.slice(-3);
    const { messages, dropped } = trimHistory(history, total([system, ...lastThree]));
    expect(messages).toEqual([system, ...lastThree]);
    expect(dropped).toBe(2);
  });

  it('drops a message that does not fit entirely, one token short', () => {
    const lastTwo = turns.slice(-2);
    const { messages, dropped } = trimHistory(turns, total(turns.slice(-3)) - 1);
    expect(messages).toEqual(lastTwo);
    expect(dropped).toBe(3);
  });

  it('never leaves a hole: an older short message is not kept once a newer one was dropped', () => {
    const history: ModelMessage[] = [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'word '.repeat(200) },
      { role: 'user', content: 'Thanks' },
    ];
    const budget = tokensOf(history[2]!) + tokensOf(history[0]!);
    const { messages, dropped } = trimHistory(history, budget);
    expect(messages).toEqual([history[2]]);
    expect(dropped).toBe(2);
  });

  it('keeps system messages even when they alone exceed the budget', () => {
    const { messages, dropped } = trimHistory([system, ...turns], 1);
    expect(messages).toEqual([system]);
    expect(dropped).toBe(turns.length);
  });

  it('counts system messages against the budget', () => {
    const lastTwo = turns.slice(-2);
    // Enough for the last two turns only once the system message is paid for.
    const { messages } = trimHistory([system, ...turns], total([system, ...lastTwo]));
    expect(messages).toEqual([system, ...lastTwo]);
  });

  it('returns nothing for an empty history', () => {
    expect(trimHistory([], 100)).toEqual({ messages: [], dropped: 0 });
  });

  it('keeps a system message in its place in the conversation', () => {
    const summary: ModelMessage = { role: 'system', content: 'Earlier: the customer asked about delivery.' };
    const history = [turns[0]!, turns[1]!, summary, turns[2]!];
    expect(trimHistory(history, total(history)).messages).toEqual(history);
  });
});
