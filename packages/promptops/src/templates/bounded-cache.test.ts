import { expect, test } from 'vitest';
import { BoundedCache } from './bounded-cache.ts';

test('holds at most its capacity, dropping the least recently used', () => {
  const evicted: string[] = [];
  const cache = new BoundedCache<string, number>(2, (key) => evicted.push(key));
  cache.set('a', 1);
  cache.set('b', 2);
  expect(cache.get('a')).toBe(1);
  cache.set('c', 3);
  expect(evicted).toEqual(['b']);
  expect(cache.get('b')).toBeUndefined();
  expect(cache.size).toBe(2);
  expect(cache.getOrCreate('a', () => 99)).toBe(1);
  expect(cache.getOrCreate('d', () => 4)).toBe(4);
  expect(evicted).toEqual(['b', 'c']);
});
