import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './error-codes.ts';

describe('the error-code table', () => {
  it('is documented row for row in docs/cli.md', () => {
    const page = readFileSync(new URL('../../../../docs/cli.md', import.meta.url), 'utf8');
    for (const [code, entry] of Object.entries(ERROR_CODES)) {
      expect(page).toContain(`| \`${code}\` | ${entry.exit} | ${entry.status} | ${entry.summary} |`);
    }
  });

  it('gives every code an exit code the exit-code table explains', () => {
    const page = readFileSync(new URL('../../../../docs/cli.md', import.meta.url), 'utf8');
    for (const entry of Object.values(ERROR_CODES))
      expect(page).toMatch(new RegExp(`\\n\\| ${entry.exit} \\| `));
  });
});
