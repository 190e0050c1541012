import type { FastifyInstance } from 'fastify';
import type { ArtifactKind } from '../../catalog/content/names.ts';
import { diffVersions } from '../../catalog/diff/diff-versions.ts';
import type { VersionSelector } from '../../catalog/service/selector.ts';
import { authorize } from '../../governance/access/index.ts';
import type { ServerDeps } from '../server-deps.ts';
import { ENVIRONMENT, KIND, NAME, VERSION } from './schema-parts.ts';

/** One side of a diff: a version number or what an environment serves. */
const SIDE = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
  properties: { version: VERSION, environment: ENVIRONMENT },
} as const;

const DIFF_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'from', 'to'],
  properties: {
    kind: KIND,
    name: NAME,
    from: SIDE,
    to: SIDE,
    variables: {
      type: 'object',
      default: {},
      description: 'values to render with; missing ones show as ‹name› placeholders',
    },
  },
} as const;

interface DiffBody {
  kind: ArtifactKind;
  name: string;
  from: VersionSelector;
  to: VersionSelector;
  variables: Record<string, unknown>;
}

/** `POST /api/diffs`: what changed between two versions, field by field and as rendered (`promptops diff`). */
export function diffRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.post<{ Body: DiffBody }>('/api/diffs', { schema: { body: DIFF_BODY } }, async (request) => {
    const { kind, name, from, to, variables } = request.body;
    authorize(request.principal, 'catalog-read', name);
    return diffVersions(deps.catalog, kind, name, [from, to], variables);
  });
}
