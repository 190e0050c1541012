import type { CaseResult } from '../eval-types.ts';
import { firstFailureReason } from '../metrics/failure-reasons.ts';
import { truncate } from './escape-markup.ts';
import { formatDuration, formatPercent, metricRows, targetLabel } from './format-values.ts';
import type { SuiteReport } from './report-types.ts';
import { thresholdRows } from './threshold-rows.ts';

export interface FormatTableOptions {
  /** ANSI colour for ✓/✗ and headings; default false (logs and CI files stay clean). */
  colour?: boolean;
  /** Failing cases listed before "… and N more"; default 20. */
  maxFailures?: number;
  /** Characters of a failure reason shown; default 120. */
  reasonChars?: number;
}

/**
 * The terminal summary of one suite run: header, thresholds with ✓/✗, failing cases with their
 * first reason, and the metric lines. Plain text unless `colour` is set.
 *
 * @example
 * process.stdout.write(formatTable(report, { colour: process.stdout.isTTY }));
 */
export function formatTable(report: SuiteReport, options: FormatTableOptions = {}): string {
  const paint = painter(options.colour ?? false);
  const { metrics } = report;
  const lines = [
    paint.bold(`${report.suite} → ${targetLabel(report)}`) +
      `  (${report.kind}, ${formatDuration(report.durationMs)})`,
    `cases ${metrics.cases}  passed ${metrics.passed}  failed ${metrics.cases - metrics.passed}  ` +
      `pass rate ${formatPercent(metrics.passRate)}`,
  ];
  const thresholds = thresholdRows(report);
  if (thresholds.length > 0) {
    lines.push('', paint.bold('thresholds'));
    for (const row of thresholds) lines.push(`  ${row.met ? paint.green('✓') : paint.red('✗')} ${row.text}`);
  }
  const failing = report.results.filter((result) => !result.pass);
  if (failing.length > 0) {
    const limit = options.maxFailures ?? 20;
    const descriptions = new Map((report.cases ?? []).map((testCase) => [testCase.id, testCase.description]));
    lines.push('', paint.bold(`failing cases (${failing.length})`));
    for (const result of failing.slice(0, limit)) {
      lines.push(`  ${paint.red('✗')} ${caseLabel(result, descriptions)}`);
      const reason = firstFailureReason(result);
      if (reason) lines.push(`      ${oneLine(truncate(reason, options.reasonChars ?? 120))}`);
    }
    if (failing.length > limit) lines.push(`  … and ${failing.length - limit} more`);
  }
  const rows = metricRows(metrics);
  const width = Math.max(...rows.map(([label]) => label.length));
  lines.push('', paint.bold('metrics'));
  for (const [label, value] of rows) lines.push(`  ${label.padEnd(width)}  ${value}`);
  return `${lines.join('\n')}\n`;
}

function caseLabel(result: CaseResult, descriptions: Map<string, string | undefined>): string {
  const description = descriptions.get(result.caseId);
  const repeats =
    result.repeats.length > 1 ? ` [${formatPercent(result.passRate)} of ${result.repeats.length} runs]` : '';
  return `${result.caseId}${description ? ` — ${oneLine(description)}` : ''}${repeats}`;
}

/** Newlines and control characters from model output would break the table's layout. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
const oneLine = (text: string): string => text.replace(/[\u0000-\u001F\u007F-\u009F]+/g, ' ');

function painter(colour: boolean) {
  const wrap = (code: string) => (text: string) => (colour ? `\u001B[${code}m${text}\u001B[0m` : text);
  return { bold: wrap('1'), green: wrap('32'), red: wrap('31') };
}
