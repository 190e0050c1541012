import { describe, expect, it } from 'vitest';
import { parsePromptFile } from '../files/load-prompt-file.ts';
import { renderArtifactFile } from '../files/write-project.ts';
import { contentHash } from './canonical-json.ts';

const PROMPT = 'description: Says hello.\nowner: team\nrisk: low\ntext: Say hello in one word.\n';
const WITH_LINT = `${PROMPT}lint:\n  disable: [output-format-unstated, untestable-constraint]\n`;

describe('lint: in a prompt file', () => {
  it('is versioned content: it changes the hash, and a prompt without it hashes as before', () => {
    const plain = parsePromptFile(PROMPT, 'prompts/hello.yaml').content;
    const linted = parsePromptFile(WITH_LINT, 'prompts/hello.yaml').content;
    expect(plain).not.toHaveProperty('lint');
    expect(contentHash(plain)).toBe(
      contentHash({
        description: 'Says hello.',
        owner: 'team',
        risk: 'low',
        tags: [],
        classification: 'internal',
        text: 'Say hello in one word.',
      }),
    );
    expect(linted.lint).toEqual({ disable: ['output-format-unstated', 'untestable-constraint'] });
    expect(contentHash(linted)).not.toBe(contentHash(plain));
  });

  it('survives pull and push: the file written back reads as the same content', () => {
    const linted = parsePromptFile(WITH_LINT, 'prompts/hello.yaml').content;
    const written = renderArtifactFile({ kind: 'prompt', name: 'hello', content: linted });
    expect(written.text).toContain('lint:\n  disable:');
    expect(parsePromptFile(written.text, written.file).content).toEqual(linted);
  });
});
