import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli, EXAMPLE_PROJECT, editFile } from './cli-harness.ts';
import { useCliScratch } from './use-cli-scratch.ts';

const PRINCIPLED = fileURLToPath(new URL('../fixtures/lint-principled', import.meta.url));

/** `promptops lint` (issue 10, item 2; docs/lint.md). */
describe('promptops lint', () => {
  it('reports the example catalog with rule ids, and exits 0 with no error-level finding', async () => {
    // From inside the project, no argument: the current project.
    const linted = await cli(['lint'], { cwd: EXAMPLE_PROJECT });
    expect(linted.code).toBe(0);
    expect(linted.stderr).toBe('linted 5 prompts: 0 errors, 0 warnings, 5 info\n');
    expect(linted.stdout).toMatch(
      /^prompts\/support\/assistant\.yaml:\d+: info \[section-token-cost\] ≈ \d+ tokens before variables are filled: system\.role \d+ \(with support\/persona, support\/policies, shared\/safety-and-tone\)/m,
    );
  });

  it('finds nothing to fix in a prompt written to the seed principles', async () => {
    const linted = await cli(['lint', PRINCIPLED, '--severity', 'warning'], { cwd: PRINCIPLED });
    expect(linted).toEqual({
      code: 0,
      stdout: '',
      stderr: 'linted 1 prompt: 0 errors, 0 warnings, 0 info\n',
    });
  });

  describe('on a project with problems', () => {
    const scratch = useCliScratch('lint', {
      push: true,
      beforePush: async (project) => {
        await editFile(
          join(project, 'prompts', 'support', 'compressed-classify.yaml'),
          '  <ticket>{{ ticket }}</ticket>\n',
          '  Ticket: {{ ticket }}\n',
        );
        await editFile(
          join(project, 'prompts', 'support', 'assistant.yaml'),
          '    - Ask at most one question per reply\n',
          '    - Ask at most one question per reply\n    - Use a professional but friendly tone\n',
        );
      },
    });

    it('names file, line, field and rule, prints each rule’s fix once, and exits 12 on an error', async () => {
      const linted = await scratch.run('lint', scratch.project, '--severity', 'warning');
      expect(linted.code).toBe(12);
      const assistant = (
        await readFile(join(scratch.project, 'prompts/support/assistant.yaml'), 'utf8')
      ).split('\n');
      const toneLine = assistant.indexOf('    - Use a professional but friendly tone') + 1;
      expect(linted.stdout.split('\n').slice(0, 2)).toEqual([
        `prompts/support/assistant.yaml:${toneLine} (system.guidelines[2]): warning [untestable-constraint] "professional but friendly tone" is not testable: nothing in "Use a professional but friendly tone" says how to check it`,
        "prompts/support/compressed-classify.yaml:26 (text): error [untrusted-input-undelimited] 'ticket' carries untrusted text and is written into text without delimiters around it",
      ]);
      expect(linted.stdout).toContain(
        'how to fix (docs/lint.md):\n  untestable-constraint: Replace the phrase',
      );
      expect(linted.stderr).toBe('linted 5 prompts: 1 error, 1 warning, 0 info\n');
    });

    it('lints one file, picks rules with --rule, and writes JSON with --json', async () => {
      const file = join(scratch.project, 'prompts', 'support', 'assistant.yaml');
      const one = await scratch.run('lint', file, '--rule', 'untestable-constraint', '--json');
      expect(one.code).toBe(0);
      const report = JSON.parse(one.stdout);
      expect(report.prompts).toEqual(['support/assistant']);
      expect(report.summary).toMatchObject({ prompts: 1, errors: 0, warnings: 1, info: 0 });
      expect(report.findings[0]).toMatchObject({
        rule: 'untestable-constraint',
        severity: 'warning',
        prompt: 'support/assistant',
        location: { file: 'prompts/support/assistant.yaml', field: 'system.guidelines[2]' },
        hint: expect.stringContaining('criterion'),
      });
    });

    it('lints a catalog prompt by name, locating findings by field path', async () => {
      const linted = await scratch.run('lint', 'support/compressed-classify', '--severity', 'warning');
      expect(linted.code).toBe(12);
      expect(linted.stdout.split('\n')[0]).toBe(
        "support/compressed-classify (text, line 2): error [untrusted-input-undelimited] 'ticket' carries untrusted text and is written into text without delimiters around it",
      );
      expect(linted.stderr).toBe('linted 1 prompt: 1 error, 0 warnings, 0 info\n');
    });

    it('turns a rule off for the project in promptops.yaml', async () => {
      await editFile(
        join(scratch.project, 'promptops.yaml'),
        'project:\n  name: acme-support\n',
        'project:\n  name: acme-support\n\nlint:\n  disable: [untrusted-input-undelimited]\n',
      );
      const linted = await scratch.run('lint', scratch.project, '--severity', 'error');
      expect(linted).toMatchObject({ code: 0, stdout: '' });
    });

    it('refuses an unknown rule, severity or path, naming the closest rule', async () => {
      const rule = await scratch.run('lint', scratch.project, '--rule', 'untestable-constraints');
      expect(rule.code).toBe(2);
      expect(rule.stderr).toContain(
        '--rule: unknown rule "untestable-constraints"; did you mean "untestable-constraint"?',
      );
      const severity = await scratch.run('lint', scratch.project, '--severity', 'fatal');
      expect(severity.code).toBe(2);
      expect(severity.stderr).toContain('--severity must be one of info, warning, error');
      const missing = await scratch.run('lint', './prompts/nope.yaml');
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain(
        '"./prompts/nope.yaml" is neither a file or folder nor a catalog NAME',
      );
    });
  });
});
