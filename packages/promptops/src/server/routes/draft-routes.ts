import type { FastifyInstance } from 'fastify';
import type { ArtifactKind } from '../../catalog/content/names.ts';
import type { PromptContent } from '../../catalog/content/prompt-content.ts';
import { renderArtifactFile } from '../../catalog/files/write-project.ts';
import { lintPrompt } from '../../catalog/lint/index.ts';
import { catalogFragmentSource } from '../../catalog/service/catalog-fragment-source.ts';
import { catalogOverrides } from '../../catalog/service/catalog-override-rules.ts';
import type { VersionSelector } from '../../catalog/service/selector.ts';
import { authorize } from '../../governance/access/index.ts';
import { renderPrompt } from '../../templates/index.ts';
import type { ServerDeps } from '../server-deps.ts';
import { parseDraft } from './parse-draft.ts';
import { KIND_NAME_PARAMS, NAME, VERSION } from './schema-parts.ts';

const FILE_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: { version: VERSION },
} as const;

const CHECK_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'name', 'text'],
  properties: {
    kind: { type: 'string', enum: ['prompt', 'fragment', 'example-bank'] },
    name: NAME,
    text: { type: 'string', maxLength: 512 * 1024 },
    variables: { type: 'object', description: 'for a prompt: render the draft with these variables' },
  },
} as const;

interface CheckBody {
  kind: ArtifactKind;
  name: string;
  text: string;
  variables?: Record<string, unknown>;
}

/**
 * The web editor's two calls (issue 8). `GET /api/drafts/:kind/NAME?version=N` is a version as the
 * file `pull` writes (YAML for prompts and banks, Liquid with front matter for fragments), to edit.
 * `POST /api/drafts/check` reads an edited file as `push` would: every problem with its line, column
 * and field, or the content (what `POST /api/changes` takes to propose it) and, for a prompt, the
 * prompt linter's findings (`lint`, docs/lint.md) and the draft rendered with the given variables
 * and its token estimate. Nothing is saved; both need only read rights on the name.
 */
export function draftRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.get<{ Params: { kind: ArtifactKind; '*': string }; Querystring: { version?: number } }>(
    '/api/drafts/:kind/*',
    { schema: { params: KIND_NAME_PARAMS, querystring: FILE_QUERY } },
    async (request) => {
      const { kind, '*': name } = request.params;
      authorize(request.principal, 'catalog-read', name);
      const selector: VersionSelector =
        request.query.version !== undefined ? { version: request.query.version } : { latest: true };
      const version = await deps.catalog.resolve(kind, name, selector);
      const { file, text } = renderArtifactFile({ kind, name, content: version.content as never });
      return { kind, name, version: version.version, file, text };
    },
  );

  app.post<{ Body: CheckBody }>('/api/drafts/check', { schema: { body: CHECK_BODY } }, async (request) => {
    const { kind, name, text, variables } = request.body;
    authorize(request.principal, 'catalog-read', name);
    const parsed = await parseDraft(deps, kind, name, text);
    if (!parsed.ok) return { ok: false, issues: parsed.issues };
    const { loaded } = parsed;
    if (loaded.kind !== 'prompt') return { ok: true, issues: [], content: loaded.content };
    const fragments = catalogFragmentSource(deps.catalog);
    // The prompt linter inline (issue 10, item 2; docs/lint.md): findings with the draft's lines.
    const lint = await lintPrompt({ name, content: loaded.content, fragments, locate: loaded.locate });
    if (variables === undefined) return { ok: true, issues: [], content: loaded.content, lint };
    const rendered = await renderPrompt(loaded.content as PromptContent, variables, {
      fragments,
      overrides: await catalogOverrides(deps.catalog, name),
      file: loaded.file,
    });
    const preview = rendered.ok
      ? {
          ok: true,
          messages: rendered.messages,
          text: rendered.text,
          variables: rendered.variables,
          fragments: rendered.fragments,
          tokens: rendered.tokens,
        }
      : { ok: false, error: { code: rendered.error.code, message: rendered.error.message } };
    return { ok: true, issues: [], content: loaded.content, lint, preview };
  });
}
