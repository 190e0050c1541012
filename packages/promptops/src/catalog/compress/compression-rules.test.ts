import { describe, expect, it } from 'vitest';
import { analyzeTemplate } from '../../templates/index.ts';
import { compressText } from './compress-text.ts';
import { COMPRESSION_RULES } from './compression-rules.ts';

/** Each rewrite rule (issue 10, item 3): its own example, and never a broken template. */
describe('compression rules', () => {
  it.each(COMPRESSION_RULES.map((rule) => [rule.id, rule] as const))(
    '%s rewrites its example',
    (_id, rule) => {
      const rewrite = compressText(rule.example.before);
      expect(rewrite.text).toBe(rule.example.after);
      expect(rewrite.rules).toContain(rule.id);
    },
  );

  it.each(COMPRESSION_RULES.map((rule) => [rule.id, rule] as const))(
    '%s keeps Liquid, delimiters, JSON and quoted phrases intact',
    (_id, rule) => {
      const template = [
        `${rule.example.before} {{ customer_name | default: "please make sure to" }}`,
        `{% if vip %}${rule.example.before}{% endif %}`,
        `{% render 'support/policies' %}`,
        '<customer_message>',
        '{{ customer_message }}',
        '</customer_message>',
        `Say "in order to help, please hold" when waiting.`,
        'Output: {"intent": "please make sure to", "confidence": 0.9}',
        '```json',
        '{"type": "object", "description": "It is important that you"}',
        '```',
      ].join('\n');
      const rewrite = compressText(template);
      const parsed = analyzeTemplate(rewrite.text, { file: '', field: 'text' });
      expect(parsed.ok).toBe(true);
      for (const kept of [
        '{{ customer_name | default: "please make sure to" }}',
        '{% if vip %}',
        '{% endif %}',
        "{% render 'support/policies' %}",
        '<customer_message>\n{{ customer_message }}\n</customer_message>',
        '"in order to help, please hold"',
        '{"intent": "please make sure to", "confidence": 0.9}',
        '```json\n{"type": "object", "description": "It is important that you"}\n```',
      ]) {
        expect(rewrite.text).toContain(kept);
      }
      expect(rewrite.text.length).toBeLessThan(template.length);
    },
  );

  it('leaves prose with nothing to shorten byte for byte', () => {
    const text = 'Classify the ticket.  Answer with one word.\n  - Never promise refunds.  \n';
    expect(compressText(text)).toEqual({ text, rules: [] });
  });

  it('drops a sentence restating an earlier one, but not one holding a variable', () => {
    const seen: string[][] = [];
    compressText('Keep every reply under 100 words.', seen);
    expect(compressText('Be concise. Keep each reply under 100 words.', seen)).toEqual({
      text: 'Be concise.',
      rules: ['repeated-instruction'],
    });
    expect(compressText('Keep every reply under 100 words for {{ name }}.', seen).rules).toEqual([]);
  });

  it('ids are unique and every rule has an example that it shortens', () => {
    const ids = COMPRESSION_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of COMPRESSION_RULES) {
      expect(rule.example.after.length).toBeLessThan(rule.example.before.length);
    }
  });
});

describe('compression rules in context', () => {
  it('drops "you need to" only where a sentence starts', () => {
    expect(compressText('Explain that you need to verify their identity first.').rules).toEqual([]);
    expect(compressText('- You need to verify their identity first.').text).toBe(
      '- Verify their identity first.',
    );
  });

  it('never drops a sentence inside a branch as a repeat (case, if)', () => {
    const text = [
      '{%- case intent -%}',
      "{%- when 'returns' -%}",
      '- product: name or model of the item (required)',
      "{%- when 'product_questions' -%}",
      '- product: name or model of the item (required)',
      '{%- endcase -%}',
    ].join('\n');
    expect(compressText(text)).toEqual({ text, rules: [] });
  });

  it('removes the line of a repeated sentence instead of leaving it blank', () => {
    expect(
      compressText('Keep replies under 100 words always.\nSay hello.\nKeep replies under 100 words always.')
        .text,
    ).toBe('Keep replies under 100 words always.\nSay hello.');
  });
});

describe('filler phrases mid-sentence', () => {
  it.each([
    'Check the order to make sure you have the right item.',
    'Make a note that the customer called.',
    'We do this to ensure that you get the right answer.',
    'If the customer says please, thank them.',
  ])('leaves "%s" alone', (text) => {
    expect(compressText(text)).toEqual({ text, rules: [] });
  });

  it('drops them at a sentence start and after "and"', () => {
    expect(
      compressText('Read the ticket and make sure to reply in English. Note that refunds take 5 days.').text,
    ).toBe('Read the ticket and reply in English. Refunds take 5 days.');
  });
});
