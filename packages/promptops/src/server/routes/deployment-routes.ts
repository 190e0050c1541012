import type { FastifyInstance } from 'fastify';
import type { ArtifactKind } from '../../catalog/content/names.ts';
import { authorize } from '../../governance/access/index.ts';
import type { EnvironmentTarget } from '../../governance/changes/deployments.ts';
import type { ServerDeps } from '../server-deps.ts';
import {
  CHANGE_ID_PARAMS,
  ENVIRONMENT,
  emptyBodyAsObject,
  KIND,
  KIND_NAME_PARAMS,
  NAME,
  REASON,
} from './schema-parts.ts';

const PERCENT = { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 100 } as const;

const DEPLOY_BODY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    canaryPercent: { ...PERCENT, description: 'start as a canary taking this share of traffic' },
    reason: REASON,
    revision: { type: 'integer', minimum: 1, description: 'the change request revision last read' },
  },
} as const;

const TARGET = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'environment'],
  properties: { kind: KIND, name: NAME, environment: ENVIRONMENT, reason: REASON },
} as const;

const CANARY_BODY = {
  ...TARGET,
  required: [...TARGET.required, 'percent'],
  properties: { ...TARGET.properties, percent: PERCENT },
} as const;

/**
 * Environment moves: deploy an approved change (stable, or as a canary), change a canary's share,
 * promote it, roll back; and an artifact's history (versions and every move, newest first). The
 * tier's rules (canary minimums, freezes, reasons) are the governance functions'; a refusal is 422.
 */
export function deploymentRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const deployments = deps.governance.deployments;

  app.post<{
    Params: { id: number };
    Body: { canaryPercent?: number; reason?: string; revision?: number };
  }>(
    '/api/changes/:id/deploy',
    { preValidation: emptyBodyAsObject, schema: { params: CHANGE_ID_PARAMS, body: DEPLOY_BODY } },
    async (request) => deployments.deploy(request.principal, { id: request.params.id, ...request.body }),
  );

  app.post<{ Body: EnvironmentTarget & { percent: number } }>(
    '/api/deployments/canary',
    { schema: { body: CANARY_BODY } },
    async (request) => deployments.setCanary(request.principal, request.body),
  );

  app.post<{ Body: EnvironmentTarget }>(
    '/api/deployments/promote',
    { schema: { body: TARGET } },
    async (request) => deployments.promote(request.principal, request.body),
  );

  app.post<{ Body: EnvironmentTarget }>(
    '/api/deployments/rollback',
    { schema: { body: TARGET } },
    async (request) => deployments.rollback(request.principal, request.body),
  );

  app.get<{ Params: { kind: ArtifactKind; '*': string } }>(
    '/api/deployments/:kind/*',
    { schema: { params: KIND_NAME_PARAMS } },
    async (request) => {
      const { kind, '*': name } = request.params;
      authorize(request.principal, 'catalog-read', name);
      return deps.catalog.history(kind, name);
    },
  );
}
