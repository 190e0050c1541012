import type { FastifyInstance } from 'fastify';
import { PromptopsError } from '../../errors/index.ts';
import { authorize, can, grantedPrefixes } from '../../governance/access/index.ts';
import { ALERT_STATES, type AlertSnapshot } from '../../observability/alerts/index.ts';
import type { ServerDeps } from '../server-deps.ts';
import { ENVIRONMENT, NAME } from './schema-parts.ts';

const QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    prompt: { ...NAME, description: 'only this prompt (needs a viewer grant on it)' },
    environment: ENVIRONMENT,
    state: { type: 'string', enum: [...ALERT_STATES] },
  },
} as const;

const NULLABLE_TIME = { type: ['string', 'null'], format: 'date-time' } as const;

const RULE = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    condition: { type: 'string' },
    for: { type: 'string' },
    severity: { type: 'string', enum: ['info', 'warning', 'critical'] },
    action: { type: 'string', enum: ['rollback'] },
    min_requests: { type: 'integer' },
  },
} as const;

const ALERT = {
  type: 'object',
  properties: {
    rule: { type: 'string' },
    severity: { type: 'string' },
    condition: { type: 'string' },
    action: { type: ['string', 'null'] },
    prompt: { type: 'string' },
    environment: { type: ['string', 'null'] },
    version: { type: 'integer' },
    arm: { type: 'string', enum: ['stable', 'canary', 'pinned', 'latest'] },
    state: { type: 'string', enum: [...ALERT_STATES] },
    pendingSince: NULLABLE_TIME,
    firedAt: NULLABLE_TIME,
    resolvedAt: NULLABLE_TIME,
    value: { type: ['number', 'null'], description: "the condition's left side at the last evaluation" },
    threshold: { type: ['number', 'null'], description: "the condition's right side" },
    runs: { type: 'integer', description: 'runs in the window at the last evaluation' },
    rollback: {
      type: ['object', 'null'],
      description: 'the automatic canary rollback of the latest firing',
      properties: {
        firedAt: { type: 'string' },
        outcome: { type: 'string', enum: ['rolled-back', 'already-gone', 'not-allowed', 'failed'] },
        at: { type: 'string' },
        detail: { type: 'string' },
      },
    },
  },
} as const;

const RESPONSE = {
  type: 'object',
  properties: {
    rules: { type: 'array', items: RULE },
    alerts: { type: 'array', items: ALERT },
    evaluating: { type: 'boolean', description: 'false when this process evaluates no alerts (no runtime)' },
    intervalMs: { type: 'integer' },
    windowMs: { type: 'integer' },
  },
} as const;

/**
 * `GET /api/alerts`: policies.yaml's alert rules and, per prompt, environment, version and arm,
 * where each stands (ok, pending, firing, resolved) with its last figures and any automatic rollback.
 * A caller sees the prompts they hold a viewer grant on. The states are this process's: each replica
 * judges the runs it served (docs/server.md, Alerts).
 */
export function alertRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.get<{ Querystring: { prompt?: string; environment?: string; state?: string } }>(
    '/api/alerts',
    { schema: { querystring: QUERY, response: { 200: RESPONSE } } },
    async (request) => {
      const { prompt, environment, state } = request.query;
      if (prompt !== undefined) authorize(request.principal, 'catalog-read', prompt);
      else if (grantedPrefixes(request.principal, 'catalog-read').length === 0) {
        throw new PromptopsError(
          'forbidden',
          `${request.principal.actor} may not read alerts: it needs the viewer role on some folder`,
          { action: 'catalog-read', role: 'viewer' },
        );
      }
      const snapshot: AlertSnapshot | undefined = deps.alerts?.snapshot();
      const alerts = (snapshot?.alerts ?? []).filter(
        (alert) =>
          can(request.principal, 'catalog-read', alert.prompt) &&
          (prompt === undefined || alert.prompt === prompt) &&
          (environment === undefined || alert.environment === environment) &&
          (state === undefined || alert.state === state),
      );
      return {
        rules: snapshot?.rules ?? deps.governance.policies.alerts,
        alerts,
        evaluating: snapshot !== undefined,
        ...(snapshot && { intervalMs: snapshot.intervalMs, windowMs: snapshot.windowMs }),
      };
    },
  );
}
