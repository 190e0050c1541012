import { describe, expect, test } from 'vitest';
import type { PromptContent } from '../catalog/content/prompt-content.ts';
import {
  createStaticFragmentSource,
  type FragmentReference,
  type FragmentSource,
} from './fragment-source.ts';
import { renderPrompt } from './render-prompt.ts';
import { failure, testPrompt } from './test-fixtures.ts';

function chat(content: string): PromptContent {
  return testPrompt({ messages: [{ role: 'user', content }] });
}

describe('fragments', () => {
  test('a fragment sees the prompt’s variables and is reported as name@version', async () => {
    const fragments = createStaticFragmentSource({
      'support/persona': { versions: { 1: 'old', 2: 'You speak for {{ company }} to {{ customer_name }}.' } },
    });
    const result = await renderPrompt(
      chat("{% render 'support/persona' %} Hi!"),
      { company: 'Acme', customer_name: 'Ann' },
      { fragments },
    );
    if (!result.ok) throw result.error;
    expect(result.messages).toEqual([{ role: 'user', content: 'You speak for Acme to Ann. Hi!' }]);
    expect(result.fragments).toEqual([{ name: 'support/persona', version: 2 }]);
  });

  test('include works too, fragments nest, and each used fragment is reported once', async () => {
    const fragments = createStaticFragmentSource({
      'support/a': "A[{% include 'support/b' %}]",
      'support/b': 'B',
    });
    const result = await renderPrompt(
      chat("{% include 'support/a' %}{% render 'support/b' %}"),
      {},
      { fragments },
    );
    if (!result.ok) throw result.error;
    expect(result.messages?.[0]?.content).toBe('A[B]B');
    expect(result.fragments).toEqual([
      { name: 'support/a', version: 0 },
      { name: 'support/b', version: 0 },
    ]);
  });

  test('pins are passed to the source as written: @2 is a version, @production a label', async () => {
    const asked: FragmentReference[] = [];
    const fragments: FragmentSource = {
      async resolve(reference) {
        asked.push(reference);
        const version = reference.pin && 'version' in reference.pin ? reference.pin.version : 7;
        return { name: reference.name, version, template: `${reference.name}@${version}` };
      },
    };
    const result = await renderPrompt(
      chat(
        "{% render 'support/persona@2' %} {% render 'support/policy@production' %} {% render 'support/tone' %}",
      ),
      {},
      { fragments },
    );
    if (!result.ok) throw result.error;
    expect(asked).toEqual([
      { name: 'support/persona', pin: { version: 2 } },
      { name: 'support/policy', pin: { label: 'production' } },
      { name: 'support/tone' },
    ]);
    expect(result.messages?.[0]?.content).toBe('support/persona@2 support/policy@7 support/tone@7');
  });

  test('two pins of one fragment render their own versions', async () => {
    const fragments = createStaticFragmentSource({ 'support/policy': { versions: { 1: 'one', 2: 'two' } } });
    const result = await renderPrompt(
      chat("{% render 'support/policy@1' %}/{% render 'support/policy@2' %}"),
      {},
      { fragments },
    );
    expect(result.ok && result.messages?.[0]?.content).toBe('one/two');
  });

  test('a cycle a → b → a is refused with the chain', async () => {
    const fragments = createStaticFragmentSource({
      'support/a': "{% render 'support/b' %}",
      'support/b': "{% if x %}{% render 'support/a' %}{% endif %}",
    });
    const error = failure(await renderPrompt(chat("{% render 'support/a' %}"), {}, { fragments }));
    expect(error.code).toBe('fragment_cycle');
    expect(error.message).toContain('support/a → support/b → support/a');
    expect(error.details.chain).toEqual(['support/a', 'support/b', 'support/a']);
    expect(error.details.location?.field).toBe('messages[0].content');
  });

  test('nesting deeper than 8 is refused, saying how deep', async () => {
    const chainOf = (length: number) =>
      createStaticFragmentSource(
        Object.fromEntries(
          Array.from({ length }, (_, index) => [
            `depth/f${index + 1}`,
            index + 1 < length ? `${index + 1}{% render 'depth/f${index + 2}' %}` : 'end',
          ]),
        ),
      );
    const eight = await renderPrompt(chat("{% render 'depth/f1' %}"), {}, { fragments: chainOf(8) });
    expect(eight.ok && eight.messages?.[0]?.content).toBe('1234567end');

    const error = failure(await renderPrompt(chat("{% render 'depth/f1' %}"), {}, { fragments: chainOf(9) }));
    expect(error.code).toBe('fragment_cycle');
    expect(error.message).toContain('nest 9 deep, more than the 8 allowed');
    expect(error.message).toContain('depth/f1 → depth/f2');
  });

  test('an unknown fragment is named with the template that includes it', async () => {
    const fragments = createStaticFragmentSource({
      'support/a': "Hi {% render 'support/missing@production' %}",
    });
    const error = failure(await renderPrompt(chat("{% render 'support/a' %}"), {}, { fragments }));
    expect(error.code).toBe('prompt_not_found');
    expect(error.message).toBe(
      "fragment 'support/missing@production' not found (in fragment support/a (working copy), line 1, included from messages[0].content)",
    );
  });

  test('a computed fragment name is refused: names must be quoted literals', async () => {
    const fragments = createStaticFragmentSource({ 'support/a': 'A' });
    for (const template of ['{% render name %}', "{% include 'support/{{ name }}' %}"]) {
      const error = failure(await renderPrompt(chat(template), { name: 'support/a' }, { fragments }));
      expect(error.code).toBe('template_error');
      expect(error.message).toContain('needs the fragment name as a quoted literal');
    }
  });

  test('layout is refused in favour of render', async () => {
    const fragments = createStaticFragmentSource({ 'support/a': 'A' });
    const error = failure(await renderPrompt(chat("{% layout 'support/a' %}x"), {}, { fragments }));
    expect(error.message).toContain('{% layout %} is not supported');
  });

  test('an error inside a fragment names the fragment, its line and the including field', async () => {
    const fragments = createStaticFragmentSource({ 'support/persona': 'line one\n{{ missing }}' });
    const error = failure(await renderPrompt(chat("{% render 'support/persona' %}"), {}, { fragments }));
    expect(error.code).toBe('template_error');
    expect(error.message).toBe(
      'undefined variable: missing (in fragment support/persona (working copy), line 2, column 4, included from messages[0].content)',
    );
    expect(error.details.template).toEqual({
      line: 2,
      column: 4,
      fragment: 'support/persona (working copy)',
    });
  });

  test('a fragment that does not parse is reported before rendering', async () => {
    const fragments = createStaticFragmentSource({ 'support/persona': '{% if %}' });
    const error = failure(await renderPrompt(chat("{% render 'support/persona' %}"), {}, { fragments }));
    expect(error.code).toBe('template_error');
    expect(error.message).toContain('in fragment support/persona (working copy)');
  });

  test('the same prompt rendered against two sources gets each source’s fragment', async () => {
    const content = chat("Policy: {% render 'support/policy' %}");
    const staging = createStaticFragmentSource({ 'support/policy': 'thirty days' });
    const production = createStaticFragmentSource({ 'support/policy': 'fourteen days' });
    const first = await renderPrompt(content, {}, { fragments: staging });
    const second = await renderPrompt(content, {}, { fragments: production });
    expect(first.ok && first.messages?.[0]?.content).toBe('Policy: thirty days');
    expect(second.ok && second.messages?.[0]?.content).toBe('Policy: fourteen days');
  });

  test('render inside a {% liquid %} block is found too', async () => {
    const fragments = createStaticFragmentSource({ 'support/a': 'A' });
    const result = await renderPrompt(
      chat("{% liquid\n  if true\n    render 'support/a'\n  endif\n%}"),
      {},
      { fragments },
    );
    expect(result.ok && result.fragments).toEqual([{ name: 'support/a', version: 0 }]);
  });
});
