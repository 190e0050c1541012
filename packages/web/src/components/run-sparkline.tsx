import { useEffect, useState } from 'react';
import { api, query } from '../api/client.ts';

const HOURS = 24;

interface RunPage {
  items: { startedAt: string; status: string }[];
}

/** Runs per hour over the last day, from the run records (`GET /api/runs`), as a small line. */
export function RunSparkline({ prompt }: { prompt: string }) {
  const [counts, setCounts] = useState<{ runs: number[]; failed: number } | undefined | null>();
  useEffect(() => {
    let current = true;
    const now = Date.now();
    const since = new Date(now - HOURS * 3_600_000).toISOString();
    api<RunPage>(`/api/runs${query({ prompt, since, limit: 500 })}`).then(
      (page) => {
        if (!current) return;
        const runs = new Array<number>(HOURS).fill(0);
        for (const run of page.items) {
          const hoursAgo = Math.floor((now - new Date(run.startedAt).getTime()) / 3_600_000);
          if (hoursAgo >= 0 && hoursAgo < HOURS) runs[HOURS - 1 - hoursAgo]! += 1;
        }
        setCounts({ runs, failed: page.items.filter((run) => run.status === 'failed').length });
      },
      () => current && setCounts(null),
    );
    return () => {
      current = false;
    };
  }, [prompt]);
  if (counts === undefined) return <span className="muted">…</span>;
  if (counts === null) return <span className="muted">—</span>;
  const total = counts.runs.reduce((sum, value) => sum + value, 0);
  const peak = Math.max(1, ...counts.runs);
  const points = counts.runs.map((value, index) => `${index * 4},${18 - (value / peak) * 16}`).join(' ');
  return (
    <span className="sparkline" title={`${total} runs in the last 24 hours, ${counts.failed} failed`}>
      <svg width={HOURS * 4 - 4} height={20} viewBox={`0 0 ${HOURS * 4 - 4} 20`} aria-hidden="true">
        <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
      </svg>
      <span className="small">
        {total} {total === 1 ? 'run' : 'runs'} / 24 h
        {counts.failed > 0 && <span className="bad-text"> · {counts.failed} failed</span>}
      </span>
    </span>
  );
}
