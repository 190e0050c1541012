import type { FastifyInstance } from 'fastify';
import { exportFiles } from '../../catalog/sync/export-files.ts';
import { importFiles } from '../../catalog/sync/import-files.ts';
import { authorize, can } from '../../governance/access/index.ts';
import { policiesChanged } from '../../governance/policies/catalog-policies.ts';
import type { ServerDeps } from '../server-deps.ts';
import { ENVIRONMENT } from './schema-parts.ts';

/** An import carries a whole project folder: more than the 1 MiB other routes accept. */
export const IMPORT_BODY_LIMIT = 16 * 1024 * 1024;

const EXPORT_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    prefix: { type: 'string', minLength: 1, maxLength: 200, description: 'only this folder (support/)' },
    environment: { ...ENVIRONMENT, description: 'what this environment serves instead of the latest' },
  },
} as const;

const IMPORT_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['files'],
  properties: {
    files: {
      type: 'object',
      description: 'file text by path in the project folder; promptops.yaml is required',
      maxProperties: 5000,
      additionalProperties: { type: 'string', maxLength: 1024 * 1024 },
    },
    message: { type: 'string', minLength: 1, maxLength: 500, description: 'changelog of every new version' },
    dryRun: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false, description: 'create versions over a stale promptops.lock' },
  },
} as const;

interface ImportBody {
  files: Record<string, string>;
  message?: string;
  dryRun: boolean;
  force: boolean;
}

/**
 * Files in and out, like `pull` and `push`. `GET /api/export`: the artifacts the caller may read as
 * file text, with the `promptops.lock` naming their versions. `POST /api/import`: a project's files
 * pushed in one transaction; it needs version-create on what changes, catalog-read on every
 * artifact named, and policies-update when policies.yaml differs from the policies in force.
 */
export function fileRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.get<{ Querystring: { prefix?: string; environment?: string } }>(
    '/api/export',
    { schema: { querystring: EXPORT_QUERY } },
    async (request) =>
      exportFiles(deps.catalog, {
        ...request.query,
        include: (artifact) => can(request.principal, 'catalog-read', artifact.name),
      }),
  );

  app.post<{ Body: ImportBody }>(
    '/api/import',
    { bodyLimit: IMPORT_BODY_LIMIT, schema: { body: IMPORT_BODY } },
    async (request) => {
      const { principal } = request;
      const { files, ...options } = request.body;
      return importFiles(deps.catalog, principal, files, {
        ...options,
        authorizeProject: async (project) => {
          // Whether a file matches the catalog is itself something only readers may learn.
          for (const artifact of project.artifacts) authorize(principal, 'catalog-read', artifact.name);
          if (await policiesChanged(deps.catalog.db, project.policies))
            authorize(principal, 'policies-update');
        },
        authorizeChange: (item) => authorize(principal, 'version-create', item.name),
      });
    },
  );
}
