import { formatComparison } from '../reports/format-comparison.ts';
import { formatMilliseconds, formatPercent, formatUsd } from '../reports/format-values.ts';
import type { MigrationReport, MigrationSuiteResult } from './migration-report.ts';
import type { SideFigures } from './migration-verdict.ts';

/**
 * The terminal form of a migration check: per prompt its verdict, then per suite the pass rate,
 * cost and latency on both models and the comparison `promptops compare` prints.
 */
export function formatMigration(report: MigrationReport): string {
  const lines = [
    `migration check: ${report.candidate} in place of each prompt's model in ${report.environment}`,
  ];
  for (const prompt of report.prompts) {
    lines.push('');
    if (prompt.outcome === 'refused') {
      lines.push(`${prompt.prompt} v${prompt.version}: REFUSED — ${prompt.reason}`);
      continue;
    }
    if (prompt.outcome === 'not-deployed') {
      lines.push(`${prompt.prompt}: not checked — ${prompt.reason}`);
      continue;
    }
    lines.push(
      `${prompt.prompt} v${prompt.version}: ${prompt.currentModel} → ${report.candidate}: ${prompt.verdict.toUpperCase()}`,
    );
    for (const suite of prompt.suites)
      lines.push(...suiteLines(suite, prompt.currentModel, report.candidate));
  }
  const checked = report.prompts.filter((prompt) => prompt.outcome === 'checked').length;
  const refused = report.prompts.filter((prompt) => prompt.outcome === 'refused').length;
  lines.push(
    '',
    `verdict: ${report.verdict} · ${checked} prompt${checked === 1 ? '' : 's'} checked` +
      (refused > 0 ? ` · ${refused} refused by policy` : ''),
  );
  return `${lines.join('\n')}\n`;
}

function suiteLines(suite: MigrationSuiteResult, current: string, candidate: string): string[] {
  const rows: [string, SideFigures][] = [
    [current, suite.current],
    [candidate, suite.candidate],
  ];
  const width = Math.max(...rows.map(([label]) => label.length), 5);
  const body = formatComparison({ comparison: suite.comparison, labelA: current, labelB: candidate })
    .trimEnd()
    .split('\n')
    .map((line) => (line === '' ? '' : `    ${line}`));
  return [
    '',
    `  ${suite.suite}: ${suite.verdict}`,
    `    ${'model'.padEnd(width)}  ${'pass'.padStart(6)}  ${'cost'.padStart(10)}  ${'p50'.padStart(9)}  ${'p99'.padStart(9)}`,
    ...rows.map(
      ([label, figures]) =>
        `    ${label.padEnd(width)}  ${formatPercent(figures.passRate).padStart(6)}  ${costText(figures).padStart(10)}  ` +
        `${latencyText(figures.p50LatencyMs).padStart(9)}  ${latencyText(figures.p99LatencyMs).padStart(9)}`,
    ),
    ...body,
  ];
}

export function costText(figures: SideFigures): string {
  if (figures.costUsd === null) return 'unknown';
  return `${figures.unpriced > 0 ? '≥' : ''}${formatUsd(figures.costUsd)}`;
}

export const latencyText = (value: number | null): string =>
  value === null ? '–' : formatMilliseconds(value);
