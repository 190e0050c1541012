import type { FastifyInstance } from 'fastify';
import { compressPrompt, renderedTokens } from '../../catalog/compress/index.ts';
import type { PromptContent } from '../../catalog/content/prompt-content.ts';
import { renderArtifactFile } from '../../catalog/files/write-project.ts';
import { authorize } from '../../governance/access/index.ts';
import type { ServerDeps } from '../server-deps.ts';
import { parseDraft } from './parse-draft.ts';
import { NAME } from './schema-parts.ts';

const COMPRESS_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'text'],
  properties: {
    name: NAME,
    text: { type: 'string', maxLength: 512 * 1024, description: "the editor's file text of the prompt" },
  },
} as const;

/**
 * `POST /api/drafts/compress` (issue 10, item 3): the editor's "Suggest shorter wording". The
 * prompt's file text, read as `POST /api/drafts/check` reads it (a bad file answers with the same
 * `{ ok: false, issues }`), rewritten by `promptops compress`'s rules (docs/compress.md): each
 * changed field before and after with the rules that fired and its tokens, the shorter content,
 * and the file text to put in the editor (`renderArtifactFile`, as `pull` writes it; the text as
 * sent when nothing got shorter). Template tokens, and one rendered request's tokens when the draft
 * renders. Rewrites left out (they would change a variable, a fragment tag or a delimiter) are
 * listed with the reason. Nothing is saved and no model is called: the proof is running the suites
 * on the draft. Needs only read rights on the name, like the check.
 */
export function compressRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.post<{ Body: { name: string; text: string } }>(
    '/api/drafts/compress',
    { schema: { body: COMPRESS_BODY } },
    async (request) => {
      const { name, text } = request.body;
      authorize(request.principal, 'catalog-read', name);
      const parsed = await parseDraft(deps, 'prompt', name, text);
      if (!parsed.ok) return { ok: false, issues: parsed.issues };
      const content = parsed.loaded.content as PromptContent;
      const compression = compressPrompt(content);
      const suggestions = compression.fields
        .filter((field) => field.after !== field.before)
        .map(({ field, before, after, rules, tokensBefore, tokensAfter }) => ({
          field,
          before,
          after,
          rules,
          tokensBefore,
          tokensAfter,
        }));
      const [renderedBefore, renderedAfter] =
        suggestions.length > 0
          ? await Promise.all(
              [content, compression.content].map((side) => renderedTokens(deps.catalog, name, side)),
            )
          : [undefined, undefined];
      return {
        ok: true,
        suggestions,
        rejected: compression.rejected,
        content: compression.content,
        text:
          suggestions.length > 0
            ? renderArtifactFile({ kind: 'prompt', name, content: compression.content }).text
            : text,
        tokens: {
          before: compression.tokensBefore,
          after: compression.tokensAfter,
          rendered:
            renderedBefore !== undefined && renderedAfter !== undefined
              ? { before: renderedBefore, after: renderedAfter }
              : null,
        },
      };
    },
  );
}
