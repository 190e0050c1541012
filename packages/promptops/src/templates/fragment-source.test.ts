import { describe, expect, test } from 'vitest';
import {
  createStaticFragmentSource,
  formatFragmentReference,
  parseFragmentReference,
} from './fragment-source.ts';

describe('parseFragmentReference', () => {
  test('a bare name leaves the choice to the source', () => {
    expect(parseFragmentReference('support/persona')).toEqual({
      ok: true,
      reference: { name: 'support/persona' },
    });
  });

  test('a number after @ pins a version, a word pins a label', () => {
    expect(parseFragmentReference('support/persona@3')).toEqual({
      ok: true,
      reference: { name: 'support/persona', pin: { version: 3 } },
    });
    expect(parseFragmentReference('support/persona@staging')).toEqual({
      ok: true,
      reference: { name: 'support/persona', pin: { label: 'staging' } },
    });
  });

  test.each(['/etc/passwd', '../secrets', 'Support/Persona', ''])('%j is not a fragment name', (text) => {
    const parsed = parseFragmentReference(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain('is not a fragment name');
  });

  test.each(['support/persona@0', 'support/persona@3a', 'support/persona@', 'support/persona@-1'])(
    '%j has a pin that is neither version nor label',
    (text) => {
      const parsed = parseFragmentReference(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain('neither a version');
    },
  );

  test('formatFragmentReference writes back what was parsed', () => {
    for (const text of ['support/persona', 'support/persona@12', 'support/persona@production']) {
      const parsed = parseFragmentReference(text);
      expect(parsed.ok && formatFragmentReference(parsed.reference)).toBe(text);
    }
  });
});

describe('createStaticFragmentSource', () => {
  const source = createStaticFragmentSource({
    'support/draft': 'working copy',
    'support/policy': { versions: { 1: 'one', 2: 'two', 3: 'three' }, labels: { production: 2 } },
  });

  test('a working copy answers unpinned and label references as version 0, not pinned versions', async () => {
    expect(await source.resolve({ name: 'support/draft' })).toEqual({
      name: 'support/draft',
      version: 0,
      template: 'working copy',
    });
    expect(await source.resolve({ name: 'support/draft', pin: { label: 'staging' } })).toMatchObject({
      version: 0,
    });
    expect(await source.resolve({ name: 'support/draft', pin: { version: 1 } })).toBeUndefined();
  });

  test('versions: unpinned is the highest, pins and labels pick theirs', async () => {
    expect(await source.resolve({ name: 'support/policy' })).toMatchObject({ version: 3, template: 'three' });
    expect(await source.resolve({ name: 'support/policy', pin: { version: 1 } })).toMatchObject({
      template: 'one',
    });
    expect(await source.resolve({ name: 'support/policy', pin: { label: 'production' } })).toMatchObject({
      version: 2,
      template: 'two',
    });
    expect(await source.resolve({ name: 'support/policy', pin: { label: 'staging' } })).toBeUndefined();
    expect(await source.resolve({ name: 'support/policy', pin: { version: 9 } })).toBeUndefined();
  });

  test('unknown names, including inherited object keys, are not found', async () => {
    expect(await source.resolve({ name: 'support/unknown' })).toBeUndefined();
    expect(await source.resolve({ name: 'constructor' })).toBeUndefined();
  });
});
