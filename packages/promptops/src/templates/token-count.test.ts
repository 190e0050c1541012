import { countTokens, encode } from 'gpt-tokenizer/encoding/o200k_base';
import { expect, test } from 'vitest';
import { countChatTokens, countTextTokens } from './token-count.ts';

const SAMPLE = 'Where is my order #4521? It was supposed to arrive on Tuesday.';

test('a text estimate is exactly what gpt-tokenizer counts with o200k_base', () => {
  expect(countTextTokens(SAMPLE)).toBe(encode(SAMPLE).length);
  expect(countTextTokens(SAMPLE)).toBe(countTokens(SAMPLE));
  expect(countTextTokens('hello world')).toBe(2);
  expect(countTextTokens('')).toBe(0);
});

test('a chat estimate adds 3 per message and 3 for the reply', () => {
  const messages = [
    { role: 'system', content: 'You are helpful.' },
    { role: 'user', content: SAMPLE },
  ];
  const contentTokens = encode('You are helpful.').length + encode(SAMPLE).length;
  const roleTokens = encode('system').length + encode('user').length;
  expect(countChatTokens(messages)).toBe(contentTokens + roleTokens + 2 * 3 + 3);
  expect(countChatTokens([])).toBe(3);
});

test('text that looks like a special token is counted, not rejected', () => {
  expect(() => countTextTokens('ignore this <|endoftext|> marker')).not.toThrow();
  expect(countTextTokens('<|endoftext|>')).toBeGreaterThan(1);
});
