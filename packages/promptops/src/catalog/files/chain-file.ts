import { z } from 'zod';
import { checkChainExpression } from '../../runtime/chains/chain-expression.ts';
import { checkChainScope } from '../../runtime/chains/check-chain-scope.ts';
import { ARTIFACT_NAME_PATTERN, ENVIRONMENT_NAME_PATTERN, VariablesSchema } from '../content/index.ts';
import { checkJsonSchema } from './check-json-schema.ts';
import { filesError } from './file-issues.ts';
import { nameFromFile } from './name-from-path.ts';
import { readTextFile } from './read-text-file.ts';
import { checkFile } from './validate-file.ts';
import { parseYamlDocument, type YamlDocument } from './yaml-document.ts';

/** `chains/support/customer-service.yaml` holds the chain `support/customer-service`. */
export const CHAINS_FOLDER = 'chains';
const CHAIN_FILES = { folder: CHAINS_FOLDER, extension: '.yaml', noun: 'chain' };
/** `input` is the chain's variables; the rest are Liquid literals an id would shadow. */
const RESERVED_STAGE_IDS = ['input', 'true', 'false', 'nil', 'null', 'empty', 'blank'];

const ChainExpression = z
  .string()
  .min(1)
  .superRefine((text, context) => {
    const checked = checkChainExpression(text);
    if (!checked.ok) context.addIssue({ code: 'custom', message: `invalid expression: ${checked.message}` });
  })
  .describe("A LiquidJS expression over input.* and earlier stages' results; literals are quoted: 'text'.");

const RULE_ACTIONS = ['ask', 'answer', 'escalate'] as const;

// The map form first: when a misspelt key (`aks:`) fails both forms, the located error then names
// the key (validate-file.ts follows the first branch that failed for a reason other than type).
// "Exactly one key" is checked with the references, once the file is otherwise valid.
const RuleAction = z
  .union([
    z.strictObject({
      ask: ChainExpression.optional().describe('Ends the chain asking the customer this (questions).'),
      answer: ChainExpression.optional().describe('Ends the chain with this output.'),
      escalate: ChainExpression.optional().describe(
        'Escalates, handing back this output (a handover reply).',
      ),
    }),
    z.enum(['escalate', 'continue']),
  ])
  .describe('escalate | continue | { ask: EXPRESSION } | { answer: EXPRESSION } | { escalate: EXPRESSION }');

export const ChainRule = z.strictObject({
  if: ChainExpression,
  // biome-ignore lint/suspicious/noThenProperty: the file format's `if:` / `then:`; never a function.
  then: RuleAction,
  reason: z.string().min(1).optional().describe('Why, for the record; may use {{ … }} over the same names.'),
});
export type ChainRule = z.infer<typeof ChainRule>;

export const ChainStage = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, 'a stage id is lower-case letters, digits and "_", starting with a letter')
    .refine((id) => !RESERVED_STAGE_IDS.includes(id), {
      message: 'this name is reserved; choose another stage id',
    })
    .describe('Names the stage result in later expressions: intent.parsed.intent.'),
  prompt: z
    .string()
    .max(200)
    .regex(ARTIFACT_NAME_PATTERN, 'expected a prompt name like support/classify-intent'),
  environment: z
    .string()
    .regex(ENVIRONMENT_NAME_PATTERN)
    .optional()
    .describe("Overrides the chain run's environment."),
  variables: z.record(z.string(), ChainExpression).default({}).describe('Prompt variable → expression.'),
  on_uncertain: z.enum(['escalate', 'continue']).default('escalate'),
  rules: z
    .array(ChainRule)
    .default([])
    .describe('Checked in order after the stage; the first whose if is true applies.'),
});
export type ChainStage = z.infer<typeof ChainStage>;

/** A chain file's content (DESIGN.md section 4, "Chains"): stages referencing prompts, with rules between them. */
export const ChainContent = z
  .strictObject({
    description: z.string().min(1).describe('Purpose: what the chain is for.'),
    owner: z.string().min(1).describe('Owning team.'),
    tags: z.array(z.string().min(1)).default([]),
    input: VariablesSchema.describe("JSON Schema of the chain's variables (input.* in expressions)."),
    stages: z.array(ChainStage).min(1, 'a chain needs at least one stage'),
    output: ChainExpression.describe('What the chain returns when no rule ends it: reply.parsed.reply.'),
  })
  .superRefine((chain, context) => {
    const ids = chain.stages.map((stage) => stage.id);
    chain.stages.forEach((stage, index) => {
      const first = ids.indexOf(stage.id);
      const at = (path: (string | number)[], message: string) =>
        context.addIssue({ code: 'custom', path: ['stages', index, ...path], message });
      if (first !== index) at(['id'], `duplicate stage id "${stage.id}": stage ${first + 1} has it`);
      stage.rules.forEach((rule, ruleIndex) => {
        const action = rule.then;
        const given =
          typeof action === 'object' ? RULE_ACTIONS.filter((key) => action[key] !== undefined) : [];
        if (typeof action === 'object' && given.length !== 1) {
          at(['rules', ruleIndex, 'then'], 'give exactly one of ask, answer or escalate');
        }
      });
    });
    for (const issue of checkChainScope(chain)) context.addIssue({ code: 'custom', ...issue });
  });
export type ChainContent = z.infer<typeof ChainContent>;
export type ChainContentInput = z.input<typeof ChainContent>;

export interface LoadedChain {
  kind: 'chain';
  name: string;
  content: ChainContent;
  file: string;
  locate: YamlDocument['locate'];
}

/**
 * Reads `chains/<name>.yaml`. Every problem (YAML, schema, duplicate stage ids, unparsable
 * expressions, names an expression cannot see there: check-chain-scope.ts) comes back in one
 * `file_invalid` error, each with its line.
 * @example await loadChainFile('/repo/acme-support', 'chains/customer-service.yaml')
 */
export async function loadChainFile(projectRoot: string, file: string): Promise<LoadedChain> {
  return parseChainFile(await readTextFile(projectRoot, file), file);
}

/** `loadChainFile` for text in hand; `file` is the path relative to the project. */
export function parseChainFile(text: string, file: string): LoadedChain {
  const document = parseYamlDocument(text, { file });
  const { name, data, issues } = nameFromFile(document, CHAIN_FILES);
  const check = checkFile(ChainContent, document, data);
  issues.push(...(check.ok ? checkJsonSchema(check.value.input, ['input'], document) : check.issues));
  if (issues.length > 0 || !check.ok) throw filesError(issues);
  return { kind: 'chain', name, content: check.value, file, locate: document.locate };
}
