import type { CaseChange } from '../metrics/compare-runs.ts';
import { formatPValue } from '../metrics/comparison-verdict.ts';
import { truncate } from './escape-markup.ts';
import { formatPercent } from './format-values.ts';
import type { ComparisonSection } from './report-types.ts';

/**
 * The terminal summary of a comparison: the pass-rate (and accuracy) verdicts with McNemar's test,
 * each per-case metric with its paired test, then the cases that flipped and why.
 *
 * @example console.log(formatComparison({ comparison, labelA: 'v3', labelB: 'v4' }))
 */
export function formatComparison(section: ComparisonSection, options: { maxCases?: number } = {}): string {
  const { comparison } = section;
  const labelA = section.labelA ?? 'A';
  const labelB = section.labelB ?? 'B';
  const maxCases = options.maxCases ?? 20;
  const lines = [
    `${labelA} (A) vs ${labelB} (B): ${comparison.paired} paired cases` +
      (comparison.onlyInA.length + comparison.onlyInB.length > 0
        ? `; ${comparison.onlyInA.length} only in A, ${comparison.onlyInB.length} only in B`
        : ''),
    '',
    `pass rate  ${formatPercent(comparison.passRate.a)} → ${formatPercent(comparison.passRate.b)}  ` +
      `(McNemar exact: ${comparison.passRate.test.aOnly} pass only in A, ${comparison.passRate.test.bOnly} only in B)`,
    `  ${comparison.passRate.verdict}`,
  ];
  if (comparison.classification) {
    const entry = comparison.classification;
    lines.push(
      `accuracy   ${formatPercent(entry.a)} → ${formatPercent(entry.b)}  (McNemar exact)`,
      `  ${entry.verdict}`,
    );
  }
  const measured = comparison.metrics.filter((metric) => metric.pairs > 0);
  if (measured.length > 0) {
    lines.push('', 'metrics (paired per case, B − A)');
    for (const metric of measured) {
      const test = metric.test
        ? `${metric.test.method === 'wilcoxon-signed-rank' ? 'Wilcoxon' : 'sign test'} n=${metric.test.n}, ${formatPValue(metric.test.pValue)}`
        : 'no test';
      lines.push(`  ${metric.label.padEnd(18)} ${metric.verdict}  [${test}]`);
    }
  }
  lines.push(
    ...changes(
      `regressions (pass in A, fail in B): ${comparison.regressions.length}`,
      comparison.regressions,
      maxCases,
    ),
  );
  lines.push(
    ...changes(
      `improvements (fail in A, pass in B): ${comparison.improvements.length}`,
      comparison.improvements,
      maxCases,
    ),
  );
  return `${lines.join('\n')}\n`;
}

function changes(title: string, list: readonly CaseChange[], max: number): string[] {
  if (list.length === 0) return [];
  const lines = ['', title];
  for (const change of list.slice(0, max)) {
    lines.push(`  ${change.caseId}  score ${change.scoreA.toFixed(2)} → ${change.scoreB.toFixed(2)}`);
    if (change.reason) lines.push(`      ${truncate(change.reason, 120)}`);
  }
  if (list.length > max) lines.push(`  … and ${list.length - max} more`);
  return lines;
}
