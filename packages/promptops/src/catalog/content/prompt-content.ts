import { z } from 'zod';
import { AssertionShape } from './assertion-shape.ts';
import { LintSettings } from './lint-settings.ts';
import { DATA_CLASSIFICATIONS, RISK_LEVELS, TASKS } from './names.ts';

/**
 * The versioned content of a prompt: everything in a prompt file but its name. Snake case, because
 * these are the keys people write in YAML. Strict objects everywhere: an unknown key is an error.
 */

/** A JSON Schema document; Ajv compiles it when the file is loaded, so a broken schema fails early. */
export const JsonSchemaObject = z.record(z.string(), z.unknown()).describe('A JSON Schema (draft 2020-12)');

export const ChatMessage = z.strictObject({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string().min(1, 'a message needs content'),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

/** The first seed's component structure, rendered in one canonical layout (templates/system-layout.ts). */
export const SystemSections = z.strictObject({
  role: z.string().min(1).describe('Role definition: who the assistant is, for whom.'),
  capabilities: z.array(z.string().min(1)).optional().describe('What it can do ("You can:").'),
  constraints: z
    .array(z.string().min(1))
    .optional()
    .describe('Negative space: what it must not do ("You cannot:").'),
  guidelines: z.array(z.string().min(1)).optional().describe('Behavioural guidelines, each testable.'),
  output_format: z.string().min(1).optional().describe('How answers are structured.'),
  escalation: z.array(z.string().min(1)).optional().describe('When to hand over to a person.'),
});
export type SystemSections = z.infer<typeof SystemSections>;

export const VariablesSchema = z
  .strictObject({
    type: z.literal('object'),
    properties: z.record(z.string(), JsonSchemaObject),
    required: z.array(z.string()).optional(),
    additionalProperties: z.boolean().optional(),
    description: z.string().optional(),
  })
  .describe('JSON Schema of the template variables; defaults apply before rendering.');
export type VariablesSchema = z.infer<typeof VariablesSchema>;

export const ModelParams = z.strictObject({
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: z.number().int().positive().optional(),
  top_p: z.number().min(0).max(1).optional(),
  stop: z.array(z.string()).max(4).optional(),
  seed: z.number().int().optional(),
  presence_penalty: z.number().min(-2).max(2).optional(),
  frequency_penalty: z.number().min(-2).max(2).optional(),
});

/** `provider/model`, e.g. `openai/gpt-4o-mini`; the provider is one configured in promptops.yaml. */
export const ModelId = z.string().regex(/^[a-z0-9][a-z0-9_-]*\/[^\s/][^\s]*$/, 'expected provider/model');

export const ModelSpec = z
  .strictObject({
    route: z
      .string()
      .min(1)
      .optional()
      .describe('A named route from promptops.yaml (task/complexity → model).'),
    id: ModelId.optional().describe('A fixed provider/model instead of a route.'),
    params: ModelParams.optional(),
    fallbacks: z.array(ModelId).optional().describe('Tried in order when the primary fails.'),
    timeout_ms: z.number().int().positive().optional(),
  })
  .refine((model) => !(model.route && model.id), { message: 'give either route or id, not both' });

export const ConfidenceThresholds = z
  .strictObject({
    field: z.string().default('confidence').describe('Field of the parsed output holding 0..1 confidence.'),
    auto: z.number().min(0).max(1).describe('At or above: processed automatically.'),
    verify: z.number().min(0).max(1).describe('At or above (and below auto): processed with verification.'),
  })
  .refine((thresholds) => thresholds.verify <= thresholds.auto, { message: 'verify must not exceed auto' });

export const OutputSpec = z.strictObject({
  format: z.enum(['text', 'json']).default('text'),
  schema: JsonSchemaObject.optional().describe('JSON Schema the parsed output must satisfy.'),
  retries: z
    .number()
    .int()
    .min(0)
    .max(5)
    .optional()
    .describe('Retries with a format reminder on invalid output.'),
  confidence: ConfidenceThresholds.optional(),
  max_chars: z.number().int().positive().optional(),
  citations: z
    .strictObject({
      mode: z
        .enum(['required', 'checked'])
        .default('required')
        .describe(
          'required: every claim-like sentence must cite a retrieved passage [source:doc]; checked: only citations are checked.',
        ),
      action: z
        .enum(['flag', 'escalate', 'block'])
        .default('escalate')
        .describe('What an ungrounded answer gets: flag (recorded, answered), escalate or block.'),
    })
    .optional()
    .describe('Grounding check (docs/retrieval.md): citations must name passages the run retrieved.'),
});

export const ExamplesSpec = z.strictObject({
  bank: z.string().min(1).describe('Name of an example bank in the catalog.'),
  k: z.number().int().min(1).max(20).default(3),
  select: z.enum(['similarity', 'first', 'random']).default('similarity'),
});

export const GuardsSpec = z.strictObject({
  policy: z
    .string()
    .min(1)
    .optional()
    .describe('A guard policy from policies.yaml; the tier default applies otherwise.'),
  input: z.array(z.string().min(1)).optional().describe('Input checks to run, by name.'),
  output: z.array(z.string().min(1)).optional().describe('Output checks to run, by name.'),
});

export const ToolSpec = z.strictObject({
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/),
  description: z.string().min(1),
  parameters: JsonSchemaObject,
  side_effect: z.enum(['read', 'write', 'irreversible']),
});

export const ContextSpec = z.strictObject({
  history_tokens: z.number().int().positive().optional().describe('Token budget for conversation history.'),
  sources: z.array(z.string().min(1)).optional().describe('Retrieval sources this prompt may use.'),
  retrieval: z
    .strictObject({
      sources: z.array(z.string().min(1)).min(1).describe('Sources from promptops.yaml retrieval.sources.'),
      query_variable: z.string().min(1).describe('The variable whose value is the search query.'),
      k: z.number().int().min(1).max(20).default(3).describe('Passages per source, at most.'),
      max_tokens: z
        .number()
        .int()
        .positive()
        .default(1500)
        .describe('Token budget for every passage together; lower-ranked ones are cut or left out.'),
      summarize: z
        .strictObject({
          prompt: z.string().min(1).describe('The summarizer prompt; it gets `title` and `text`.'),
          over_tokens: z
            .number()
            .int()
            .positive()
            .describe('Passages longer than this enter the prompt as their cached summary.'),
        })
        .optional(),
    })
    .optional()
    .describe('Retrieval (docs/retrieval.md): passages are in the template as `retrieved`.'),
});

/**
 * Continuous evaluation (docs/evaluation.md): the share of live runs sampled, and the checks each
 * sampled run gets off the request path. Versioned with the prompt, so the checks are governed with it.
 */
export const SamplingSpec = z.strictObject({
  rate: z
    .number()
    .min(0)
    .max(1)
    .describe('Share of live runs queued for continuous evaluation (0.01 = 1%), decided by the run id.'),
  assert: z
    .array(AssertionShape)
    .optional()
    .describe('Assertions each sampled run is scored with, as in eval suites (checked at load).'),
  rubric: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe(
      'A rubric the judge model grades each sampled output against (llm-rubric), when one is configured.',
    ),
});
export type SamplingSpec = z.infer<typeof SamplingSpec>;

export const TestedWith = z.strictObject({
  models: z.array(z.string()).optional(),
  tools: z.record(z.string(), z.string()).optional().describe('Tool name → version it was tested with.'),
});

/**
 * Environment-specific variations (the second seed): per environment, a different model or
 * parameters, and different variable defaults. Applied when the runtime resolves the prompt.
 */
export const EnvironmentOverride = z.strictObject({
  model: z
    .strictObject({
      route: z.string().min(1).optional(),
      id: ModelId.optional(),
      params: ModelParams.optional(),
      fallbacks: z.array(ModelId).optional(),
      timeout_ms: z.number().int().positive().optional(),
    })
    .optional(),
  defaults: z.record(z.string(), z.unknown()).optional().describe('Variable defaults for this environment.'),
});

export const PromptContent = z
  .strictObject({
    description: z.string().min(1).describe('Purpose: what the prompt is for.'),
    owner: z.string().min(1).describe('Owning team.'),
    risk: z.enum(RISK_LEVELS),
    tags: z.array(z.string().min(1)).default([]),
    task: z.enum(TASKS).optional(),
    classification: z.enum(DATA_CLASSIFICATIONS).default('internal').describe('Data classification.'),
    variables: VariablesSchema.optional(),
    system: SystemSections.optional(),
    messages: z.array(ChatMessage).min(1, 'messages needs at least one message').optional(),
    text: z.string().min(1).optional().describe('A plain completion prompt instead of chat messages.'),
    model: ModelSpec.optional(),
    output: OutputSpec.optional(),
    examples: ExamplesSpec.optional(),
    guards: GuardsSpec.optional(),
    tools: z.array(ToolSpec).optional(),
    context: ContextSpec.optional(),
    sampling: SamplingSpec.optional(),
    tested_with: TestedWith.optional(),
    lint: LintSettings.optional().describe(
      'Prompt linter rules turned off for this prompt (`lint: { disable: [rule-id] }`, docs/lint.md).',
    ),
    environments: z
      .record(z.string().regex(/^[a-z][a-z0-9_-]{0,62}$/), EnvironmentOverride)
      .optional()
      .describe('Per-environment model, parameter and variable-default overrides.'),
  })
  .superRefine((content, context) => {
    if (content.text !== undefined && (content.messages !== undefined || content.system !== undefined)) {
      context.addIssue({ code: 'custom', path: ['text'], message: 'text excludes messages and system' });
    }
    const systemMessage = content.messages?.findIndex((message) => message.role === 'system') ?? -1;
    if (content.system !== undefined && systemMessage >= 0) {
      context.addIssue({
        code: 'custom',
        path: ['messages', systemMessage, 'role'],
        message: 'a prompt with system: sections cannot also have a system message',
      });
    }
    for (const [environment, override] of Object.entries(content.environments ?? {})) {
      for (const name of Object.keys(override.defaults ?? {})) {
        if (!content.variables?.properties[name]) {
          context.addIssue({
            code: 'custom',
            path: ['environments', environment, 'defaults', name],
            message: `"${name}" is not a declared variable`,
          });
        }
      }
    }
    const retrieval = content.context?.retrieval;
    if (retrieval) {
      for (const [name, field] of [
        [retrieval.query_variable, 'query_variable'],
        ['retrieved', 'sources'],
      ] as const) {
        if (!content.variables?.properties[name]) {
          context.addIssue({
            code: 'custom',
            path: ['context', 'retrieval', field],
            message:
              name === 'retrieved'
                ? 'declare `retrieved` (type: array, default: []) under variables.properties: the passages are put there'
                : `"${name}" is not a declared variable`,
          });
        }
      }
    }
    // Tools (docs/tools.md): one declaration per name, and arguments are a JSON object in both
    // providers' tool-call formats.
    const toolNames = new Set<string>();
    for (const [index, tool] of (content.tools ?? []).entries()) {
      if (toolNames.has(tool.name)) {
        context.addIssue({
          code: 'custom',
          path: ['tools', index, 'name'],
          message: `"${tool.name}" is declared twice`,
        });
      }
      toolNames.add(tool.name);
      if (tool.parameters.type !== 'object') {
        context.addIssue({
          code: 'custom',
          path: ['tools', index, 'parameters', 'type'],
          message: 'tool arguments are a JSON object: the schema needs type: object',
        });
      }
    }
    if (content.text === undefined && content.messages === undefined && content.system === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['messages'],
        message: 'a prompt needs messages, system or text',
      });
    }
  });
export type PromptContent = z.infer<typeof PromptContent>;
export type PromptContentInput = z.input<typeof PromptContent>;
