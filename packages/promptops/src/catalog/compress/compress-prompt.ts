import { analyzeTemplate, countTextTokens, promptFields } from '../../templates/index.ts';
import type { PromptContent } from '../content/prompt-content.ts';
import { compressText } from './compress-text.ts';

/** One template of the prompt, before and after. */
export interface FieldRewrite {
  field: string;
  before: string;
  /** `''` when every sentence of a list item was a repeat: the item is removed. */
  after: string;
  rules: string[];
  tokensBefore: number;
  tokensAfter: number;
}

export interface PromptCompression {
  /** The prompt's content with the shorter wording (the same object shape, list items removed when emptied). */
  content: PromptContent;
  /** Every field, changed or not, in render order. */
  fields: FieldRewrite[];
  /** Rewrites thrown away because the result changed the template's variables, fragments or syntax. */
  rejected: { field: string; source: string; reason: string }[];
  tokensBefore: number;
  tokensAfter: number;
}

/**
 * Shorter wording for every template of a prompt by the rules of compression-rules.ts, fields in
 * render order so a repeated instruction keeps its first copy. Each rewrite must parse as Liquid and
 * keep the same variables (and whether each is written out) and the same fragment tags, else the
 * field stays as it was and the reason is reported. Token counts are of the template text
 * (o200k_base), variables unfilled: fragments and values are the same on both sides.
 *
 * @example
 * compressPrompt({ text: 'Please make sure to answer in order to help: {{ q }}' , ... }).fields[0].after
 * // 'Answer to help: {{ q }}'
 */
export function compressPrompt(content: PromptContent): PromptCompression {
  const seen: string[][] = [];
  const fields: FieldRewrite[] = [];
  const rejected: PromptCompression['rejected'] = [];
  for (const { field, text } of promptFields(content)) {
    const rewrite = compressText(text, seen);
    let after = rewrite.text;
    let rules = rewrite.rules;
    if (after !== text) {
      const problem = templateChange(text, after, field);
      if (problem) {
        rejected.push({ field, source: 'rules', reason: problem });
        after = text;
        rules = [];
      }
    }
    fields.push({
      field,
      before: text,
      after,
      rules,
      tokensBefore: countTextTokens(text),
      tokensAfter: countTextTokens(after),
    });
  }
  return summarise(content, fields, rejected);
}

/** Puts a set of field texts (rules' or a model's) into the content and totals the tokens. */
export function summarise(
  content: PromptContent,
  fields: FieldRewrite[],
  rejected: PromptCompression['rejected'],
): PromptCompression {
  return {
    content: withFields(content, new Map(fields.map((field) => [field.field, field.after]))),
    fields,
    rejected,
    tokensBefore: fields.reduce((sum, field) => sum + field.tokensBefore, 0),
    tokensAfter: fields.reduce((sum, field) => sum + field.tokensAfter, 0),
  };
}

/**
 * Why `after` cannot replace `before`: it does not parse, or its variables, their output/test use
 * or its fragment tags differ. `undefined` when it can.
 */
export function templateChange(before: string, after: string, field: string): string | undefined {
  const place = { file: '', field };
  const original = analyzeTemplate(before, place);
  const candidate = analyzeTemplate(after, place);
  if (!candidate.ok) return `does not parse: ${candidate.error.message}`;
  if (!original.ok) return 'the original does not parse';
  const variables = (analysis: typeof original) =>
    [...new Set(analysis.variables.map((use) => `${use.name}${use.output ? '' : '?'}`))].sort().join(',');
  const fragments = (analysis: typeof original) =>
    analysis.fragments
      .map((tag) => JSON.stringify(tag))
      .sort()
      .join(',');
  if (variables(original) !== variables(candidate)) {
    return `variables changed: ${variables(original) || 'none'} → ${variables(candidate) || 'none'}`;
  }
  if (fragments(original) !== fragments(candidate)) return 'fragment tags changed';
  const delimiters = (text: string) => (text.match(/<\/?[A-Za-z][\w.:-]*>|```|"""/g) ?? []).join('');
  if (delimiters(before) !== delimiters(after)) return 'delimiters changed';
  return undefined;
}

const LIST_SECTIONS = ['capabilities', 'constraints', 'guidelines', 'escalation'] as const;

/** The content with field texts replaced; a list item whose text is now empty is removed. */
export function withFields(content: PromptContent, texts: ReadonlyMap<string, string>): PromptContent {
  const next: PromptContent = structuredClone(content);
  const text = (field: string, fallback: string) => texts.get(field) ?? fallback;
  if (next.system) {
    const system = next.system;
    system.role = text('system.role', system.role);
    for (const section of LIST_SECTIONS) {
      const items = system[section];
      if (!items) continue;
      const kept = items
        .map((item, index) => text(`system.${section}[${index}]`, item))
        .filter((item) => item !== '');
      if (kept.length > 0) system[section] = kept;
      else delete system[section];
    }
    if (system.output_format !== undefined)
      system.output_format = text('system.output_format', system.output_format);
  }
  next.messages?.forEach((message, index) => {
    message.content = text(`messages[${index}].content`, message.content);
  });
  if (next.text !== undefined) next.text = text('text', next.text);
  return next;
}
