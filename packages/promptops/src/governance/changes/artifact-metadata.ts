import type { ArtifactKind } from '../../catalog/content/names.ts';
import { notFound } from '../../catalog/service/move-label.ts';
import { PromptopsError } from '../../errors/index.ts';
import { findArtifact, findVersion, listCycleTimes } from '../../store/index.ts';
import { authorize, type Principal } from '../access/index.ts';
import { type LatestEvalResult, latestEvalResults } from './eval-results.ts';
import type { GovernanceDeps } from './governance-deps.ts';

/** Change requests the median cycle time is taken over, by default. */
export const CYCLE_TIME_WINDOW = 10;

export interface CycleTime {
  changeRequestId: number;
  version: number;
  proposedAt: string;
  deployedAt: string;
  durationMs: number;
}

/** The catalog fields of one artifact, kept current from the store (issue 10, item 7). */
export interface ArtifactMetadata {
  kind: ArtifactKind;
  name: string;
  version: number;
  purpose: string | null;
  owner: string | null;
  risk: string | null;
  lastEdit: { at: string; author: string; message: string };
  /** Newest result per suite on `version`, with what it was tested with. */
  evals: LatestEvalResult[];
  cycleTime: {
    environment: string;
    /** The newest change request deployed to `environment`; null when none has been. */
    last: CycleTime | null;
    /** Median over the newest `window` deployed change requests; null when none. */
    medianMs: number | null;
    window: number;
    count: number;
  };
}

/**
 * Purpose, owner, risk and last edit of the version (the latest unless given), its newest eval
 * results, and the cycle time from proposal to deploy into `environment` (production by default).
 */
export async function artifactMetadata(
  deps: GovernanceDeps,
  principal: Principal,
  input: { kind: ArtifactKind; name: string; version?: number; environment?: string; window?: number },
): Promise<ArtifactMetadata> {
  authorize(principal, 'catalog-read', input.name);
  const artifact = await findArtifact(deps.db, input.kind, input.name);
  if (!artifact) throw notFound(input.kind, input.name);
  const number = input.version ?? artifact.headVersion;
  const version = await findVersion(deps.db, artifact.id, number);
  if (!version) {
    throw new PromptopsError('version_not_found', `${input.name} has no version ${number}`, {
      version: number,
    });
  }
  const content = (version.content ?? {}) as Record<string, unknown>;
  const environment = input.environment ?? 'production';
  const window = input.window ?? CYCLE_TIME_WINDOW;
  const cycles = (await listCycleTimes(deps.db, artifact.id, environment, window)).map((row) => ({
    changeRequestId: row.changeRequestId,
    version: row.version,
    proposedAt: row.proposedAt.toISOString(),
    deployedAt: row.deployedAt.toISOString(),
    durationMs: row.deployedAt.getTime() - row.proposedAt.getTime(),
  }));
  return {
    kind: input.kind,
    name: input.name,
    version: number,
    purpose: textField(content.description),
    owner: textField(content.owner),
    risk: textField(content.risk),
    lastEdit: { at: version.createdAt.toISOString(), author: version.author, message: version.message },
    evals: await latestEvalResults(deps, principal, { kind: input.kind, name: input.name, version: number }),
    cycleTime: {
      environment,
      last: cycles[0] ?? null,
      medianMs: median(cycles.map((cycle) => cycle.durationMs)),
      window,
      count: cycles.length,
    },
  };
}

function textField(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
