import { z } from 'zod';
import { LintSettings } from '../content/lint-settings.ts';
import {
  DATA_CLASSIFICATIONS,
  DEFAULT_ENVIRONMENTS,
  ENVIRONMENT_NAME_PATTERN,
  PRODUCTION_ENVIRONMENT,
  TASKS,
} from '../content/names.ts';
import { ModelId } from '../content/prompt-content.ts';
import { HttpToolConfig } from './http-tool-config.ts';
import { EnvironmentVariableName, ProviderConfig } from './provider-config.ts';
import { RetrievalConfig } from './retrieval-config.ts';

/**
 * `promptops.yaml`: the project's providers, model routes, prices, environments and retention. Read
 * once at start and passed down (STYLE.md, Wiring). Secrets are never written here: only the names of
 * the environment variables that hold them.
 */

/** How hard a request is, as the router estimates it; routes may serve some levels only. */
export const COMPLEXITY_LEVELS = ['low', 'medium', 'high'] as const;

const SIMPLE_NAME = /^[a-z0-9][a-z0-9_-]*$/;
const SIMPLE_NAME_RULE = 'lower-case letters, digits, "-" and "_", starting with a letter or digit';

export const RouteConfig = z
  .strictObject({
    model: ModelId.describe('provider/model served by this route.'),
    fallbacks: z.array(ModelId).default([]).describe('Tried in order when the model fails.'),
    when: z
      .strictObject({
        task: z.array(z.enum(TASKS)).min(1).optional().describe('Tasks this route serves.'),
        complexity: z
          .array(z.enum(COMPLEXITY_LEVELS))
          .min(1)
          .optional()
          .describe('Request complexities this route serves.'),
      })
      .optional()
      .describe('When the router picks this route on its own; absent: only when a prompt names it.'),
  })
  .describe('A named model route.');

export const PriceConfig = z
  .strictObject({
    input_per_mtok: z.number().nonnegative().describe('Price per million input tokens.'),
    output_per_mtok: z.number().nonnegative().describe('Price per million output tokens.'),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as USD')
      .default('USD'),
  })
  .describe('Price override for one provider/model.');

export const ProjectConfig = z
  .strictObject({
    project: z
      .strictObject({
        name: z.string().regex(SIMPLE_NAME, `project name: ${SIMPLE_NAME_RULE}`).describe('Project name.'),
      })
      .describe('The project this folder holds.'),
    environments: z
      .array(z.string().regex(ENVIRONMENT_NAME_PATTERN, 'environment names start with a lower-case letter'))
      .min(1)
      .default([...DEFAULT_ENVIRONMENTS])
      .describe(`Environments (labels) deployments target; must include ${PRODUCTION_ENVIRONMENT}.`),
    providers: z
      .record(z.string().regex(SIMPLE_NAME, `provider name: ${SIMPLE_NAME_RULE}`), ProviderConfig)
      .default({})
      .describe('Model providers by name; the name is the first part of provider/model.'),
    routes: z
      .record(z.string().regex(SIMPLE_NAME, `route name: ${SIMPLE_NAME_RULE}`), RouteConfig)
      .default({})
      .describe('Named model routes prompts may use instead of a fixed model.'),
    prices: z
      .record(ModelId, PriceConfig)
      .default({})
      .describe(
        'Price overrides by provider/model, for models the built-in table lacks or prices differently.',
      ),
    retention: z
      .strictObject({
        run_records_days: z
          .number()
          .int()
          .min(1)
          .max(3650)
          .default(30)
          .describe('Days run records are kept.'),
        redacted_io: z
          .boolean()
          .default(true)
          .describe('Keep redacted (never raw) input and output on run records.'),
      })
      .default({ run_records_days: 30, redacted_io: true }),
    embeddings: z
      .strictObject({
        model: ModelId.describe(
          'provider/model of an embeddings endpoint, e.g. openai/text-embedding-3-small.',
        ),
      })
      .optional()
      .describe('Embeddings for few-shot selection; built-in lexical similarity when absent.'),
    evaluation: z
      .strictObject({
        judge: z
          .strictObject({
            model: ModelId.describe('provider/model that grades llm-rubric assertions.'),
          })
          .optional()
          .describe('The judge model; llm-rubric assertions are unmeasured without one.'),
        synthesizer: z
          .strictObject({
            model: ModelId.describe('provider/model that writes variants of suite cases.'),
          })
          .optional()
          .describe(
            'The model `promptops evals synthesize` asks for paraphrases and adversarial variants of cases.',
          ),
        compressor: z
          .strictObject({
            model: ModelId.describe('provider/model that proposes shorter wordings of prompts.'),
          })
          .optional()
          .describe('The model `promptops compress` asks for a shorter wording after its rewrite rules.'),
      })
      .optional()
      .describe('Settings for `promptops test` (docs/evaluation.md).'),
    gateway: z
      .strictObject({
        classification: z
          .enum(DATA_CLASSIFICATIONS)
          .default('internal')
          .describe(
            'What ad-hoc chats are treated as: the models they may reach (models_by_classification) and the guards_by_classification policy.',
          ),
        guards: z
          .string()
          .min(1)
          .optional()
          .describe('A guard policy from policies.yaml for ad-hoc chats: user turns in, the answer out.'),
        owner: z
          .string()
          .min(1)
          .default('gateway')
          .describe('The team ad-hoc chats are charged to (team budgets).'),
      })
      .optional()
      .describe(
        'Ad-hoc chats through the OpenAI-compatible gateway (model: a route name or provider/model), run as gateway/<model> with guards, budgets and run records. Absent: only governed prompts (prompt:NAME) run there.',
      ),
    database: z
      .strictObject({
        url_env: EnvironmentVariableName.default('DATABASE_URL').describe(
          'Variable holding the Postgres URL.',
        ),
      })
      .optional()
      .describe('A shared Postgres; the embedded database in .promptops/ when absent.'),
    tools: z
      .record(z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'expected a tool name'), HttpToolConfig)
      .default({})
      .describe('HTTP tools by name: handlers the application serves at a URL (docs/tools.md).'),
    retrieval: RetrievalConfig.default({ sources: {}, summaries: { ttl_s: 86_400 } }),
    lint: LintSettings.optional().describe(
      'Prompt linter rules turned off for every prompt of the project (`lint: { disable: [rule-id] }`, docs/lint.md).',
    ),
  })
  .superRefine((config, context) => {
    if (!config.environments.includes(PRODUCTION_ENVIRONMENT)) {
      context.addIssue({
        code: 'custom',
        path: ['environments'],
        message: `environments must include ${PRODUCTION_ENVIRONMENT}`,
      });
    }
    for (const [index, environment] of config.environments.entries()) {
      if (config.environments.indexOf(environment) !== index) {
        context.addIssue({
          code: 'custom',
          path: ['environments', index],
          message: `"${environment}" is listed twice`,
        });
      }
    }
    for (const [name, route] of Object.entries(config.routes)) {
      const models: [PropertyKey[], string][] = [
        [['model'], route.model],
        ...route.fallbacks.map((model, index): [PropertyKey[], string] => [['fallbacks', index], model]),
      ];
      for (const [field, model] of models) {
        const provider = model.split('/')[0] ?? '';
        if (!Object.hasOwn(config.providers, provider)) {
          context.addIssue({
            code: 'custom',
            path: ['routes', name, ...field],
            message: `provider "${provider}" is not configured under providers`,
          });
        }
      }
    }
    // Models promptops calls by itself (embeddings, the judge, the compressor, the synthesizer):
    // each must name a configured provider.
    const ownModels: [string[], string | undefined][] = [
      [['embeddings', 'model'], config.embeddings?.model],
      ...(['judge', 'compressor', 'synthesizer'] as const).map((role): [string[], string | undefined] => [
        ['evaluation', role, 'model'],
        config.evaluation?.[role]?.model,
      ]),
    ];
    for (const [path, model] of ownModels) {
      const provider = model?.split('/')[0];
      if (provider !== undefined && !Object.hasOwn(config.providers, provider)) {
        context.addIssue({
          code: 'custom',
          path,
          message: `provider "${provider}" is not configured under providers`,
        });
      }
    }
    const embeddingsProvider = config.embeddings?.model.split('/')[0];
    if (
      embeddingsProvider !== undefined &&
      Object.hasOwn(config.providers, embeddingsProvider) &&
      config.providers[embeddingsProvider]?.protocol !== 'openai'
    ) {
      context.addIssue({
        code: 'custom',
        path: ['embeddings', 'model'],
        message: 'embeddings need a provider with protocol openai (its /embeddings endpoint)',
      });
    }
  })
  .describe('promptops.yaml: providers, model routes, prices, environments and retention for one project.');
export type ProjectConfig = z.infer<typeof ProjectConfig>;
export type ProjectConfigInput = z.input<typeof ProjectConfig>;
