import { z } from 'zod';
import { DATA_CLASSIFICATIONS } from '../content/names.ts';
import { httpToolUrlProblem } from './http-tool-config.ts';
import { EnvironmentVariableName } from './provider-config.ts';

/**
 * promptops.yaml `retrieval:` (docs/retrieval.md): the sources prompts may retrieve from, each with
 * the classification of the data it holds. `postgres-fts`: documents promptops keeps in its database
 * (loaded by `promptops retrieval import`); `files`: the markdown or text files of a project folder,
 * loaded into the same table by `promptops push` (so they are versioned with the project); `http`: the application's own retriever, POSTed `{ query, k }` and answering
 * `{ passages: [{ id, title?, text, version? }] }`.
 */
const SourceBase = {
  classification: z.enum(DATA_CLASSIFICATIONS).describe('The classification of the data the source holds.'),
  environments: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe('Environments whose runs may use the source; every environment when absent.'),
  description: z.string().min(1).optional(),
};

export const RetrievalSourceConfig = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('postgres-fts'), ...SourceBase }),
  z.strictObject({
    kind: z.literal('files'),
    ...SourceBase,
    folder: z
      .string()
      .min(1)
      .refine((folder) => !folder.startsWith('/') && !folder.split(/[\\/]/).includes('..'), {
        message: 'a folder inside the project, relative to promptops.yaml',
      })
      .describe('Folder of .md and .txt files, relative to promptops.yaml; loaded on push.'),
  }),
  z.strictObject({
    kind: z.literal('http'),
    ...SourceBase,
    url: z
      .string()
      .superRefine((text, context) => {
        const problem = httpToolUrlProblem(text);
        if (problem)
          context.addIssue({ code: 'custom', message: problem.replace('tool URL', 'retriever URL') });
      })
      .describe('Where searches are POSTed: http or https, no user or password in it.'),
    timeout_ms: z.number().int().positive().max(60_000).default(5_000),
    secret_env: EnvironmentVariableName.optional().describe(
      'Variable holding an HMAC key that signs each request (x-promptops-signature), as HTTP tools do.',
    ),
  }),
]);
export type RetrievalSourceConfig = z.infer<typeof RetrievalSourceConfig>;

export const RetrievalConfig = z
  .strictObject({
    sources: z
      .record(z.string().regex(/^[a-z][a-z0-9_-]{0,62}$/, 'expected a source name'), RetrievalSourceConfig)
      .default({}),
    summaries: z
      .strictObject({
        ttl_s: z
          .number()
          .int()
          .positive()
          .default(86_400)
          .describe('Seconds a cached summary is used; a new document version replaces it sooner.'),
      })
      .default({ ttl_s: 86_400 }),
  })
  .describe('Retrieval sources prompts may name in context.retrieval (docs/retrieval.md).');
export type RetrievalConfig = z.infer<typeof RetrievalConfig>;
