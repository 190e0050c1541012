import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LINT_RULE_IDS } from '../content/index.ts';
import { LINT_RULES } from './lint-rules.ts';

describe('the lint rule table', () => {
  it('has every rule id once, each with an explanation citing a seed principle and a hint', () => {
    expect(Object.keys(LINT_RULES)).toEqual([...LINT_RULE_IDS]);
    for (const [id, rule] of Object.entries(LINT_RULES)) {
      expect(rule.id).toBe(id);
      expect(rule.explanation).toMatch(/seed/);
      expect(rule.hint.length).toBeGreaterThan(20);
    }
  });

  it('is documented rule for rule, with its severity, in docs/lint.md', () => {
    const page = readFileSync(new URL('../../../../../docs/lint.md', import.meta.url), 'utf8');
    for (const rule of Object.values(LINT_RULES)) {
      expect(page).toMatch(new RegExp(`### \`${rule.id}\`\\n\\nSeverity: \\*\\*${rule.severity}\\*\\*`));
    }
  });
});
