import { describe, expect, test } from 'vitest';
import type { PromptContent } from '../catalog/content/prompt-content.ts';
import { createStaticFragmentSource } from './fragment-source.ts';
import { TEMPLATE_LIMITS, templateEngineFor } from './liquid-engine.ts';
import { renderPrompt } from './render-prompt.ts';
import { failure, testPrompt } from './test-fixtures.ts';

function text(template: string): PromptContent {
  return testPrompt({ text: template });
}

const fragments = createStaticFragmentSource({ 'support/persona': 'persona' });

describe('a template cannot reach outside its variables', () => {
  test.each([
    "{% include '/etc/passwd' %}",
    "{% render '../../../../etc/passwd' %}",
    "{% render 'etc/passwd' %}",
  ])('%s reads no file', async (template) => {
    const error = failure(await renderPrompt(text(template), {}, { fragments }));
    expect(['template_error', 'prompt_not_found']).toContain(error.code);
    expect(error.message).not.toContain('root:');
  });

  test.each(['{{ process }}', '{{ process.env.HOME }}', '{{ globalThis }}', '{{ require }}'])(
    '%s is an undefined variable',
    async (template) => {
      const error = failure(await renderPrompt(text(template), {}, { fragments }));
      expect(error.code).toBe('template_error');
      expect(error.message).toMatch(/^undefined variable: /);
    },
  );

  test('prototype properties of variables are not reachable', async () => {
    for (const template of [
      '{{ name.constructor }}',
      '{{ name.__proto__ }}',
      '{{ items.constructor.name }}',
    ]) {
      const error = failure(await renderPrompt(text(template), { name: 'Ann', items: [] }, { fragments }));
      expect(error.code).toBe('template_error');
    }
  });
});

describe('a template cannot hang the process', () => {
  test('a hundred-million-step loop fails fast', async () => {
    const started = performance.now();
    const error = failure(
      await renderPrompt(text('{% for i in (1..100000000) %}{{ i }}{% endfor %}'), {}, { fragments }),
    );
    expect(error.code).toBe('template_error');
    expect(error.message).toContain('limit exceeded');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  test('nested loops that allocate little hit the time limit', async () => {
    const started = performance.now();
    const loops = '{% for i in (1..5000) %}{% for j in (1..5000) %}x{% endfor %}{% endfor %}';
    const error = failure(await renderPrompt(text(loops), {}, { fragments }));
    expect(error.message).toContain('render limit exceeded');
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  test('a render honours a smaller time budget, which a prompt shares across its templates', () => {
    const engine = templateEngineFor(new Map());
    const slow = engine.parse('{% for i in (1..5000) %}{% for j in (1..5000) %}x{% endfor %}{% endfor %}');
    const started = performance.now();
    expect(() => engine.render(slow, {}, 20)).toThrow('template render limit exceeded');
    expect(performance.now() - started).toBeLessThan(500);
  });

  test('a string doubled until it is huge hits the memory limit', async () => {
    const doubling =
      "{% assign s = 'xxxxxxxxxx' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s }}";
    const error = failure(await renderPrompt(text(doubling), {}, { fragments }));
    expect(error.message).toContain('memory alloc limit exceeded');
  });

  test('a template longer than the parse limit is refused', async () => {
    const error = failure(
      await renderPrompt(text('x'.repeat(TEMPLATE_LIMITS.parseLength + 1)), {}, { fragments }),
    );
    expect(error.code).toBe('template_error');
    expect(error.message).toBe('parse length limit exceeded (in text)');
  });
});
