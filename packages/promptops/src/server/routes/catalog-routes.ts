import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ARTIFACT_KINDS, type ArtifactKind } from '../../catalog/content/names.ts';
import type { VersionSelector } from '../../catalog/service/selector.ts';
import { PromptopsError } from '../../errors/index.ts';
import { authorize, can } from '../../governance/access/index.ts';
import type { ServerDeps } from '../server-deps.ts';

const LIST_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: [...ARTIFACT_KINDS] },
    prefix: { type: 'string', maxLength: 200 },
    tag: { type: 'string', maxLength: 100 },
    owner: { type: 'string', maxLength: 100 },
    risk: { type: 'string', enum: ['low', 'medium', 'high'] },
    text: { type: 'string', maxLength: 200 },
    status: { type: 'string', enum: ['active', 'retired', 'all'], default: 'active' },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
    offset: { type: 'integer', minimum: 0, default: 0 },
  },
} as const;

const SHOW_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    version: { type: 'integer', minimum: 1 },
    environment: { type: 'string', pattern: '^[a-z][a-z0-9_-]{0,62}$' },
  },
} as const;

interface ListQuery {
  kind?: ArtifactKind;
  prefix?: string;
  tag?: string;
  owner?: string;
  risk?: string;
  text?: string;
  status: 'active' | 'retired' | 'all';
  limit: number;
  offset: number;
}

/**
 * The catalog, read: `GET /api/artifacts` (filters, pagination; only what the caller may read) and
 * `GET /api/artifacts/:kind/<name>` (one version: `?version=N`, `?environment=ENV`, else the latest),
 * with an ETag of the answer (version and environments) so clients revalidate cheaply.
 */
export function catalogRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.get<{ Querystring: ListQuery }>(
    '/api/artifacts',
    { schema: { querystring: LIST_QUERY } },
    async (request) => {
      const { status, limit, offset, ...filter } = request.query;
      // Read one past the page after filtering by role, so `next` is exact for this caller.
      const readable = (await deps.catalog.list({ ...filter, ...(status !== 'all' && { status }) })).filter(
        (artifact) => can(request.principal, 'catalog-read', artifact.name),
      );
      const page = readable.slice(offset, offset + limit);
      return {
        items: page,
        total: readable.length,
        limit,
        offset,
        next: offset + limit < readable.length ? offset + limit : null,
      };
    },
  );

  app.get<{ Params: { kind: string; '*': string }; Querystring: { version?: number; environment?: string } }>(
    '/api/artifacts/:kind/*',
    { schema: { querystring: SHOW_QUERY } },
    async (request, reply) => {
      const kind = artifactKind(request.params.kind);
      const name = request.params['*'];
      authorize(request.principal, 'catalog-read', name);
      const { version, environment } = request.query;
      if (version !== undefined && environment !== undefined) {
        throw new PromptopsError('invalid_argument', 'give version or environment, not both', {
          parameter: 'environment',
        });
      }
      const selector: VersionSelector =
        version !== undefined ? { version } : environment !== undefined ? { environment } : { latest: true };
      const [artifact, resolved] = await Promise.all([
        deps.catalog.get(kind, name),
        deps.catalog.resolve(kind, name, selector),
      ]);
      // The ETag covers the whole answer, environments included: an environment moving to another
      // version with the same content must not be a 304.
      const body = { artifact, version: resolved };
      const etag = `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url')}"`;
      reply.header('etag', etag);
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      return body;
    },
  );
}

export function artifactKind(text: string): ArtifactKind {
  if ((ARTIFACT_KINDS as readonly string[]).includes(text)) return text as ArtifactKind;
  throw new PromptopsError('invalid_argument', `kind must be one of ${ARTIFACT_KINDS.join(', ')}`, {
    parameter: 'kind',
  });
}
