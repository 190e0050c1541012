import type { RunStatus } from '../../runtime/run-result.ts';
import { mean, percentile, sortAscending } from '../metrics/distribution.ts';
import type { ReplayItem, ReplaySide, ReplaySkip, ReplaySummary, SideFigures } from './replay-types.ts';

/**
 * What a replay came to: status changes (`ok → blocked`), mean tokens, total cost and p50 latency
 * of the live runs against the draft's, over the replayed pairs only (skipped runs have no pair).
 */
export function summariseReplay(
  items: readonly ReplayItem[],
  skipped: readonly ReplaySkip[],
  aborted: boolean,
): ReplaySummary {
  const changes = new Map<string, { from: RunStatus; to: RunStatus; count: number }>();
  for (const item of items) {
    if (item.live.status === item.draft.status) continue;
    const key = `${item.live.status} ${item.draft.status}`;
    const entry = changes.get(key) ?? { from: item.live.status, to: item.draft.status, count: 0 };
    entry.count += 1;
    changes.set(key, entry);
  }
  return {
    replayed: items.length,
    skipped: skipped.reduce((total, skip) => total + skip.count, 0),
    changed: items.filter((item) => item.changed).length,
    statusChanges: [...changes.values()].sort((x, y) => y.count - x.count),
    live: figures(items.map((item) => item.live)),
    draft: figures(items.map((item) => item.draft)),
    aborted,
  };
}

/** Whether a pair differs in a way the author should look at. */
export function pairChanged(live: ReplaySide, draft: ReplaySide): boolean {
  if (live.status !== draft.status) return true;
  // The live output is kept redacted; an unkept one cannot be compared, and says nothing changed.
  return live.output !== null && live.output.trim() !== (draft.output ?? '').trim();
}

function figures(sides: readonly ReplaySide[]): SideFigures {
  const known = <T>(values: (T | null)[]) => values.filter((value): value is T => value !== null);
  const costs = known(sides.map((side) => side.cost));
  return {
    meanInputTokens: mean(known(sides.map((side) => side.inputTokens))) ?? null,
    meanOutputTokens: mean(known(sides.map((side) => side.outputTokens))) ?? null,
    totalCost: costs.length === 0 ? null : costs.reduce((total, cost) => total + cost, 0),
    unpriced: sides.length - costs.length,
    p50LatencyMs: percentile(sortAscending(sides.map((side) => side.latencyMs)), 0.5) ?? null,
  };
}
