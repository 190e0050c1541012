import { describe, expect, it } from 'vitest';
import type { PromptContent } from '../catalog/content/prompt-content.ts';
import { checkFragments } from './check-fragments.ts';
import { createStaticFragmentSource } from './fragment-source.ts';

const prompt = (text: string) =>
  ({
    description: 'd',
    owner: 'o',
    risk: 'low',
    tags: [],
    classification: 'internal',
    text,
  }) as PromptContent;

describe('checkFragments', () => {
  it('lists the fragments a prompt uses, transitively (drafts are version 0)', async () => {
    const source = createStaticFragmentSource({ a: "A {% render 'b' %}", b: 'B' });
    expect(await checkFragments(prompt("{% render 'a' %}"), source)).toEqual({
      ok: true,
      fragments: [
        { name: 'a', version: 0 },
        { name: 'b', version: 0 },
      ],
    });
  });

  it('reports a cycle and a missing fragment as values', async () => {
    const source = createStaticFragmentSource({ a: "{% render 'b' %}", b: "{% render 'a' %}" });
    const cycle = await checkFragments(prompt("{% render 'a' %}"), source, { file: 'prompts/x.yaml' });
    expect(cycle.ok === false && cycle.error.code).toBe('fragment_cycle');
    const missing = await checkFragments(prompt("{% render 'nope' %}"), source);
    expect(missing.ok === false && missing.error.code).toBe('prompt_not_found');
  });
});
