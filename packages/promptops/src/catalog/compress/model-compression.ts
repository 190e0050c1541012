import { countTextTokens } from '../../templates/index.ts';
import type { PromptContent } from '../content/prompt-content.ts';
import { type FieldRewrite, type PromptCompression, summarise, templateChange } from './compress-prompt.ts';

/** Asks the compressing model; returns its raw answer. */
export type AskCompressor = (request: { system: string; user: string }) => Promise<string>;

export const COMPRESSOR_INSTRUCTIONS = [
  'You shorten the wording of prompt templates without changing what they ask.',
  'Keep every {{ variable }}, every {% tag %}, every <tag> delimiter, every quoted phrase, JSON, numbers and named limits exactly as written.',
  'Drop filler, politeness and repetition; keep every rule, limit, prohibition and output format.',
  'Answer with only a JSON object {"fields": {"<field>": "<shorter text>"}}, one entry per field you shortened.',
].join('\n');

/**
 * A model's shorter wording over the rules' result (issue 10, item 3): each field it returns must
 * pass the same checks as a rule's rewrite (templateChange: parses, same variables, fragment tags and
 * delimiters) and be shorter in tokens, else the rules' text stays and the reason is reported.
 */
export async function compressWithModel(
  content: PromptContent,
  byRules: PromptCompression,
  ask: AskCompressor,
): Promise<PromptCompression> {
  const changeable = byRules.fields.filter((field) => field.after.trim() !== '');
  const user = JSON.stringify({
    fields: Object.fromEntries(changeable.map((field) => [field.field, field.after])),
  });
  const answer = await ask({ system: COMPRESSOR_INSTRUCTIONS, user });
  const proposed = readFields(answer);
  const rejected = [...byRules.rejected];
  if (!proposed) {
    rejected.push({ field: '*', source: 'model', reason: 'the answer is not a JSON object with "fields"' });
    return summarise(content, byRules.fields, rejected);
  }
  const fields: FieldRewrite[] = byRules.fields.map((field) => {
    const text = proposed.get(field.field);
    if (text === undefined || text === field.after) return field;
    const problem = templateChange(field.before, text, field.field);
    if (problem) {
      rejected.push({ field: field.field, source: 'model', reason: problem });
      return field;
    }
    const tokens = countTextTokens(text);
    if (tokens >= field.tokensAfter) {
      rejected.push({ field: field.field, source: 'model', reason: 'not shorter than the rules’ wording' });
      return field;
    }
    return { ...field, after: text, rules: [...field.rules, 'model'], tokensAfter: tokens };
  });
  for (const name of proposed.keys()) {
    if (!byRules.fields.some((field) => field.field === name)) {
      rejected.push({ field: name, source: 'model', reason: 'no such field in the prompt' });
    }
  }
  return summarise(content, fields, rejected);
}

function readFields(answer: string): Map<string, string> | undefined {
  const json = /\{[\s\S]*\}/.exec(answer)?.[0];
  if (json === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(json);
    const fields = (parsed as { fields?: unknown }).fields;
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return undefined;
    return new Map(
      Object.entries(fields).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
  } catch {
    return undefined;
  }
}
