import { expect, test } from 'vitest';
import { matchesModelGlob } from './model-glob.ts';

test('a pattern without * matches only the exact id', () => {
  expect(matchesModelGlob('openai/gpt-4o', 'openai/gpt-4o')).toBe(true);
  expect(matchesModelGlob('openai/gpt-4o', 'openai/gpt-4o-mini')).toBe(false);
  expect(matchesModelGlob('openai/gpt-4o', 'azure/gpt-4o')).toBe(false);
});

test('* stands for any run of characters, including none', () => {
  expect(matchesModelGlob('*', 'anthropic/claude-haiku-4-5')).toBe(true);
  expect(matchesModelGlob('openai/*', 'openai/gpt-4o-mini')).toBe(true);
  expect(matchesModelGlob('openai/*', 'azure/gpt-4o-mini')).toBe(false);
  expect(matchesModelGlob('azure/gpt-4o*', 'azure/gpt-4o')).toBe(true);
  expect(matchesModelGlob('azure/gpt-4o*', 'azure/gpt-4o-mini')).toBe(true);
  expect(matchesModelGlob('*/gpt-4o-mini', 'azure/gpt-4o-mini')).toBe(true);
  expect(matchesModelGlob('*/claude-*-4-5', 'anthropic/claude-sonnet-4-5')).toBe(true);
  expect(matchesModelGlob('*/claude-*-4-5', 'anthropic/claude-sonnet-4-1')).toBe(false);
});

test('pieces may not overlap the fixed head and tail', () => {
  expect(matchesModelGlob('ab*ba', 'aba')).toBe(false);
  expect(matchesModelGlob('ab*ba', 'abba')).toBe(true);
  expect(matchesModelGlob('a*b*b', 'ab')).toBe(false);
  expect(matchesModelGlob('a*b*b', 'abb')).toBe(true);
});

test('regular-expression characters in a pattern are plain text', () => {
  expect(matchesModelGlob('openai/gpt-4.1', 'openai/gpt-401')).toBe(false);
  expect(matchesModelGlob('openai/(a+)+$', 'openai/(a+)+$')).toBe(true);
});

test('a pathological pattern against a long id answers correctly (no backtracking)', () => {
  const pattern = 'a*a*a*a*a*a*a*a*b';
  const long = 'a'.repeat(100_000);
  expect(matchesModelGlob(pattern, long)).toBe(false);
  expect(matchesModelGlob(pattern, `${long}b`)).toBe(true);
  expect(matchesModelGlob(`${'*a'.repeat(2_000)}*b`, long)).toBe(false);
});
