import type { FastifyInstance } from 'fastify';
import type { ArtifactKind } from '../../catalog/content/names.ts';
import { notFound } from '../../catalog/service/move-label.ts';
import { PromptopsError } from '../../errors/index.ts';
import { classificationMetrics, compareRuns } from '../../evaluation/metrics/index.ts';
import { casesOfDetails } from '../../evaluation/reports/index.ts';
import { authorize } from '../../governance/access/index.ts';
import { type EvalResultRow, findArtifact, listEvalHistory } from '../../store/index.ts';
import type { ServerDeps } from '../server-deps.ts';
import { KIND_NAME_PARAMS, VERSION } from './schema-parts.ts';

const SUITE = { type: 'string', minLength: 1, maxLength: 200 } as const;

const HISTORY_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: { suite: { ...SUITE, description: 'only this suite' } },
} as const;

const COMPARISON_QUERY = {
  type: 'object',
  additionalProperties: false,
  required: ['suite', 'a', 'b'],
  properties: {
    suite: SUITE,
    a: { ...VERSION, description: 'version A (the baseline)' },
    b: { ...VERSION, description: 'version B (the candidate)' },
    alpha: { type: 'number', exclusiveMinimum: 0, maximum: 0.5, default: 0.05 },
  },
} as const;

type Params = { kind: ArtifactKind; '*': string };

/**
 * What the evaluations page reads (issue 8, item 6), from the results `promptops test` records
 * (`POST /api/evals`, whose `details.cases` holds each case's outputs and assertion results):
 * - `GET /api/eval-history/:kind/*?suite`: per suite and version, the result that counts (the
 *   newest), with its cases when recorded and the confusion matrix of a classifier suite;
 * - `GET /api/eval-comparison/:kind/*?suite&a&b&alpha`: the two versions' recorded cases compared
 *   as `promptops compare` does (per-case regressions and improvements, McNemar's exact test on
 *   the pass rate and the correct-class rate, Wilcoxon signed-rank on the per-case metrics), without
 *   running the suite again.
 * Both need the viewer role on the artifact (catalog-read), like the other eval reads.
 */
export function evalHistoryRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.get<{ Params: Params; Querystring: { suite?: string } }>(
    '/api/eval-history/:kind/*',
    { schema: { params: KIND_NAME_PARAMS, querystring: HISTORY_QUERY } },
    async (request) => {
      const { kind, '*': name } = request.params;
      authorize(request.principal, 'catalog-read', name);
      const artifact = await findArtifact(deps.handle.db, kind, name);
      if (!artifact) throw notFound(kind, name);
      const suites = new Map<string, ReturnType<typeof versionEntry>[]>();
      let previous: EvalResultRow | undefined;
      for (const row of await listEvalHistory(deps.handle.db, artifact.id, request.query.suite)) {
        // Newest first within a suite and version: the first row of each pair is the one that counts.
        const counted = !(previous && previous.suite === row.suite && previous.version === row.version);
        previous = row;
        if (!counted) continue;
        const versions = suites.get(row.suite) ?? [];
        versions.push(versionEntry(row));
        suites.set(row.suite, versions);
      }
      return {
        kind,
        name,
        suites: [...suites].map(([suite, versions]) => ({ suite, versions })),
      };
    },
  );

  app.get<{ Params: Params; Querystring: { suite: string; a: number; b: number; alpha: number } }>(
    '/api/eval-comparison/:kind/*',
    { schema: { params: KIND_NAME_PARAMS, querystring: COMPARISON_QUERY } },
    async (request) => {
      const { kind, '*': name } = request.params;
      const { suite, a, b, alpha } = request.query;
      authorize(request.principal, 'catalog-read', name);
      const artifact = await findArtifact(deps.handle.db, kind, name);
      if (!artifact) throw notFound(kind, name);
      const rows = await listEvalHistory(deps.handle.db, artifact.id, suite);
      const side = (version: number, parameter: 'a' | 'b') => {
        const row = rows.find((candidate) => candidate.version === version);
        const cases = row && casesOfDetails(row.details);
        if (!row || !cases) {
          throw new PromptopsError(
            'invalid_argument',
            row
              ? `${name} v${version}'s result of suite ${suite} has no per-case results to compare (recorded without them; run promptops test on it again)`
              : `${name} v${version} has no recorded result of suite ${suite}`,
            { parameter },
          );
        }
        return { row, cases };
      };
      const sideA = side(a, 'a');
      const sideB = side(b, 'b');
      return {
        kind,
        name,
        suite,
        a: summary(sideA.row),
        b: summary(sideB.row),
        comparison: compareRuns(sideA.cases, sideB.cases, { alpha }),
      };
    },
  );
}

function summary(row: EvalResultRow) {
  return {
    version: row.version,
    passed: row.passed,
    total: row.total,
    passRate: row.passRate,
    recordedAt: row.recordedAt.toISOString(),
    recordedBy: row.recordedBy,
  };
}

function versionEntry(row: EvalResultRow) {
  const cases = casesOfDetails(row.details);
  const classification = cases && classificationMetrics(cases);
  const details = row.details as Record<string, unknown>;
  return {
    ...summary(row),
    suiteKind: typeof details.kind === 'string' ? details.kind : null,
    thresholdFailures: Array.isArray(details.thresholdFailures) ? details.thresholdFailures : [],
    /** null when the result was recorded without per-case results. */
    cases: cases ?? null,
    /** Cases proposed from production, run beside the suite by the server (they count in no figure). */
    proposedCases: Array.isArray(details.proposedCases) ? details.proposedCases : [],
    classification: classification ?? null,
  };
}
