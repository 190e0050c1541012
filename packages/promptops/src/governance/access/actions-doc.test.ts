import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ACTIONS } from './actions.ts';

describe('the action table in docs/governance.md', () => {
  it('lists every action with its role, scope and summary, in order', async () => {
    const doc = await readFile(new URL('../../../../../docs/governance.md', import.meta.url), 'utf8');
    const rows = doc.split('\n').filter((line) => /^\| `[a-z-]+` \|/.test(line));
    const expected = Object.entries(ACTIONS).map(
      ([action, rule]) =>
        `| \`${action}\` | ${rule.role} | ${rule.scope === 'global' ? 'whole catalog' : 'the name'} | ${rule.summary} |`,
    );
    expect(rows).toEqual(expected);
  });
});
