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
    expect(await checkFragments(prompt("{% render 'a' %}"), source)).toMatchObject({
      ok: true,
      fragments: [
        { name: 'a', version: 0 },
        { name: 'b', version: 0 },
      ],
      templates: [
        { name: 'a (working copy)', template: "A {% render 'b' %}" },
        { name: 'b (working copy)', template: 'B' },
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

describe('checkTemplate with resolved fragments', () => {
  it('counts variables used in fragments and flags ones the prompt does not declare', async () => {
    const { checkTemplate } = await import('./check-template.ts');
    const content = {
      ...prompt("{% render 'a' %}"),
      variables: { type: 'object', properties: { company: { type: 'string' } } },
    } as PromptContent;
    const source = createStaticFragmentSource({ a: '{{ company }} {{ tone }}' });
    const resolved = await checkFragments(content, source);
    const check = checkTemplate(content, { fragments: resolved.ok ? resolved.templates : [] });
    expect(check.warnings).toEqual([]);
    expect(check.errors.map((error) => error.message)).toEqual([
      "fragment a (working copy) uses variable 'tone' (line 1), which this prompt does not declare under variables.properties",
    ]);
  });
});
