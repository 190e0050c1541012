import { expect, test } from 'vitest';
import { countChatTokens, countTextTokens } from '../../templates/token-count.ts';
import { usageOrEstimate } from './usage-estimate.ts';

const messages = [
  { role: 'system', content: 'You classify customer messages.' },
  { role: 'user', content: 'Where is my order #4521?' },
];

test('usage the provider reported is kept and marked as not estimated', () => {
  const reported = { inputTokens: 120, outputTokens: 7, cachedInputTokens: 64 };
  expect(usageOrEstimate(reported, messages, { text: 'order_tracking' })).toEqual({
    ...reported,
    estimated: false,
  });
});

test('without reported usage, tokens are counted with gpt-tokenizer and marked estimated', () => {
  const usage = usageOrEstimate(null, messages, { text: '{"intent":"order_tracking"}' });
  expect(usage).toEqual({
    inputTokens: countChatTokens(messages),
    outputTokens: countTextTokens('{"intent":"order_tracking"}'),
    estimated: true,
  });
  expect(usage.inputTokens).toBeGreaterThan(0);
});

test('a completion prompt is counted as text, and tool-call arguments count as output', () => {
  const usage = usageOrEstimate(undefined, 'Summarise: the parcel left the depot.', {
    text: '',
    toolCalls: [{ name: 'lookup_order', arguments: '{"order_id":"4521"}' }],
  });
  expect(usage.inputTokens).toBe(countTextTokens('Summarise: the parcel left the depot.'));
  expect(usage.outputTokens).toBe(countTextTokens('lookup_order') + countTextTokens('{"order_id":"4521"}'));
  expect(usage.estimated).toBe(true);
});
