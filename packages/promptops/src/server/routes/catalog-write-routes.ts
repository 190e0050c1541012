import type { FastifyInstance } from 'fastify';
import type { ArtifactKind } from '../../catalog/content/names.ts';
import { authorize } from '../../governance/access/index.ts';
import type { ServerDeps } from '../server-deps.ts';
import { ENVIRONMENT, KIND, NAME, REASON, VERSION } from './schema-parts.ts';

const LABEL_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'environment', 'version'],
  properties: {
    kind: KIND,
    name: NAME,
    environment: ENVIRONMENT,
    version: VERSION,
    reason: REASON,
    expectedRevision: {
      type: 'integer',
      minimum: 0,
      description: 'the deployment revision last read; a move in between is a 409 conflict',
    },
  },
} as const;

const RETIRE_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'reason'],
  properties: { kind: KIND, name: NAME, reason: REASON },
} as const;

interface LabelBody {
  kind: ArtifactKind;
  name: string;
  environment: string;
  version: number;
  reason?: string;
  expectedRevision?: number;
}

/**
 * Catalog writes outside change requests, as the CLI's `label` and `retire`: pointing an environment
 * straight at a version is break glass (admins: `label-force`), retiring takes an approver.
 */
export function catalogWriteRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.post<{ Body: LabelBody }>('/api/labels', { schema: { body: LABEL_BODY } }, async (request) => {
    authorize(request.principal, 'label-force', request.body.name);
    return deps.catalog.moveLabel(request.principal, request.body);
  });

  app.post<{ Body: { kind: ArtifactKind; name: string; reason: string } }>(
    '/api/artifacts/retire',
    { schema: { body: RETIRE_BODY } },
    async (request) => {
      authorize(request.principal, 'artifact-retire', request.body.name);
      return deps.catalog.retire(request.principal, request.body);
    },
  );
}
