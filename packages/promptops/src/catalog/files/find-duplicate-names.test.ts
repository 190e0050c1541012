import { describe, expect, it } from 'vitest';
import { findDuplicateNames } from './find-duplicate-names.ts';

describe('findDuplicateNames', () => {
  it('names the second file that claims a name, and allows one name across kinds', () => {
    const issues = findDuplicateNames([
      { kind: 'prompt', name: 'support/triage', file: 'prompts/support/triage.yaml' },
      { kind: 'example-bank', name: 'support/triage', file: 'examples/support/triage.yaml' },
      { kind: 'prompt', name: 'support/triage', file: 'prompts/support/triage.yml' },
    ]);
    expect(issues).toEqual([
      {
        message:
          'the prompt "support/triage" is also defined in prompts/support/triage.yaml; names must be unique',
        location: { file: 'prompts/support/triage.yml' },
      },
    ]);
  });
});
