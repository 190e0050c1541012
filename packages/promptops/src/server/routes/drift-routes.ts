import type { FastifyInstance } from 'fastify';
import { PromptopsError } from '../../errors/index.ts';
import { DRIFT_ACTOR, DRIFT_JOB } from '../../evaluation/drift/index.ts';
import { can, grantedPrefixes } from '../../governance/access/index.ts';
import { listEvalResultsRecordedBy, readLease } from '../../store/index.ts';
import type { ServerDeps } from '../server-deps.ts';
import { NAME } from './schema-parts.ts';

const QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    prompt: { ...NAME, description: 'only this prompt' },
    drifted: { type: 'boolean', description: 'only results whose figures fell by more than the drop' },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
  },
} as const;

interface DriftQuery {
  prompt?: string;
  drifted?: boolean;
  limit: number;
}

/**
 * `GET /api/drift`: the drift watch's recent results (docs/evaluation.md, Drift watch), newest
 * first: per suite and deployed version the pass rate, the previous result it was compared with,
 * the figures that fell by more than the policy's drop, and the cases now failing; plus the
 * watch's lease (who runs it now, when it last ran) and the policy in force. A caller sees the
 * prompts they hold a viewer grant on.
 */
export function driftRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.get<{ Querystring: DriftQuery }>('/api/drift', { schema: { querystring: QUERY } }, async (request) => {
    if (grantedPrefixes(request.principal, 'catalog-read').length === 0) {
      throw new PromptopsError(
        'forbidden',
        `${request.principal.actor} may not read drift results: it needs the viewer role on some folder`,
        { action: 'catalog-read', role: 'viewer' },
      );
    }
    const { prompt, drifted, limit } = request.query;
    // Read a wider window than asked, since rows the caller may not see are dropped after.
    const rows = await listEvalResultsRecordedBy(deps.handle.db, DRIFT_ACTOR, Math.min(limit * 4, 2000));
    const results = rows
      .filter((row) => can(request.principal, 'catalog-read', row.name))
      .filter((row) => prompt === undefined || row.name === prompt)
      .map((row) => {
        const drift = (row.details as { drift?: { drops?: unknown[] } }).drift ?? {};
        return {
          prompt: row.name,
          version: row.version,
          suite: row.suite,
          passRate: row.passRate,
          passed: row.passed,
          total: row.total,
          recordedAt: row.recordedAt.toISOString(),
          drifted: (drift.drops?.length ?? 0) > 0,
          drift,
        };
      })
      .filter((row) => drifted === undefined || row.drifted === drifted)
      .slice(0, limit);
    const lease = await readLease(deps.handle.db, DRIFT_JOB);
    return {
      policy: deps.governance.policies.evaluation.drift ?? null,
      lastRunAt: lease?.lastRunAt ?? null,
      running: lease !== undefined && new Date(lease.until).getTime() > Date.now() ? lease.holder : null,
      results,
    };
  });
}
