import type { ReplayResult, SideFigures } from '../../evaluation/sandbox/index.ts';
import { table } from '../format.ts';

const OUTPUT_CHARS = 48;

/**
 * A replay for the terminal: the changed pairs (live → draft status and a short output each), the
 * skipped runs with their reason, then the summary figures before → after.
 */
export function formatReplay(replay: ReplayResult): string {
  const lines: string[] = [];
  const through = replay.version === null ? 'the draft' : `v${replay.version}`;
  lines.push(
    `${replay.prompt}: ${replay.summary.replayed} ${replay.environment} run(s) replayed through ${through}`,
  );
  const changed = replay.items.filter((item) => item.changed);
  if (changed.length > 0) {
    lines.push(
      '',
      table(
        ['RUN', 'LIVE', 'DRAFT', 'LIVE OUTPUT', 'DRAFT OUTPUT'],
        changed.map((item) => [
          item.live.runId.slice(0, 8),
          item.live.status,
          item.draft.status,
          short(item.live.output),
          short(item.draft.output || item.draft.reason),
        ]),
      ),
    );
  } else if (replay.items.length > 0) {
    lines.push('no answer changed');
  }
  for (const skip of replay.skipped) lines.push(`skipped ${skip.count}: ${skip.reason}`);
  const { summary } = replay;
  lines.push('');
  lines.push(`changed        ${summary.changed} of ${summary.replayed}`);
  if (summary.statusChanges.length > 0) {
    lines.push(
      `status         ${summary.statusChanges.map((change) => `${change.from} → ${change.to} ×${change.count}`).join(', ')}`,
    );
  }
  lines.push(
    `tokens in      ${pair(summary.live, summary.draft, (side) => side.meanInputTokens, tokens)} (mean)`,
  );
  lines.push(
    `tokens out     ${pair(summary.live, summary.draft, (side) => side.meanOutputTokens, tokens)} (mean)`,
  );
  lines.push(
    `cost           ${pair(summary.live, summary.draft, (side) => side.totalCost, usd)} (total)${unpriced(summary.live, summary.draft)}`,
  );
  lines.push(
    `latency p50    ${pair(summary.live, summary.draft, (side) => side.p50LatencyMs, milliseconds)}`,
  );
  if (summary.aborted) lines.push('stopped before the end: the figures cover the runs that finished');
  return `${lines.join('\n')}\n`;
}

function short(text: string | null): string {
  if (text === null) return '(not kept)';
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > OUTPUT_CHARS ? `${line.slice(0, OUTPUT_CHARS - 1)}…` : line;
}

function pair(
  live: SideFigures,
  draft: SideFigures,
  figure: (side: SideFigures) => number | null,
  format: (value: number) => string,
): string {
  const show = (value: number | null) => (value === null ? 'n/a' : format(value));
  return `${show(figure(live))} → ${show(figure(draft))}`;
}

function unpriced(live: SideFigures, draft: SideFigures): string {
  if (live.unpriced === 0 && draft.unpriced === 0) return '';
  return `; without a price: ${live.unpriced} live, ${draft.unpriced} draft`;
}

const tokens = (value: number) => value.toFixed(1);
const usd = (value: number) => `$${value.toFixed(6)}`;
const milliseconds = (value: number) => `${Math.round(value)} ms`;
