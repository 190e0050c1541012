import type { CaseChange } from '../metrics/compare-runs.ts';
import { formatPValue } from '../metrics/comparison-verdict.ts';
import { escapeMarkup as text } from './escape-markup.ts';
import { formatPercent } from './format-values.ts';
import type { ComparisonSection } from './report-types.ts';

/** The comparison section: verdicts first, then the metric table and the flipped cases. */
export function comparisonSection(section: ComparisonSection): string {
  const { comparison } = section;
  const labelA = section.labelA ?? 'A';
  const labelB = section.labelB ?? 'B';
  const proportions = [
    ['pass rate', comparison.passRate] as const,
    ...(comparison.classification ? [['accuracy', comparison.classification] as const] : []),
  ];
  const parts = [
    '<section>',
    `<h2>Comparison: ${text(labelA)} (A) vs ${text(labelB)} (B)</h2>`,
    `<p>${comparison.paired} paired cases; ${comparison.onlyInA.length} only in A, ${comparison.onlyInB.length} only in B. ` +
      `Significance level ${comparison.alpha}.</p>`,
    '<table><tr><th></th><th class="number">A</th><th class="number">B</th><th>test</th><th>verdict</th></tr>',
    ...proportions.map(
      ([label, entry]) =>
        `<tr><th>${label}</th><td class="number">${formatPercent(entry.a)}</td><td class="number">${formatPercent(entry.b)}</td>` +
        `<td>McNemar exact: ${entry.test.aOnly} A-only, ${entry.test.bOnly} B-only; ${text(formatPValue(entry.test.pValue))}</td>` +
        `<td class="${entry.significant ? (entry.difference >= 0 ? 'pass' : 'fail') : ''}">${text(entry.verdict)}</td></tr>`,
    ),
    ...comparison.metrics.map((metric) => {
      const test = metric.test
        ? `${metric.test.method === 'wilcoxon-signed-rank' ? 'Wilcoxon signed-rank' : 'sign test'}, n = ${metric.test.n}; ${formatPValue(metric.test.pValue)}`
        : '';
      const tone = metric.significant ? (metric.verdict.startsWith('B is better') ? 'pass' : 'fail') : '';
      return (
        `<tr><th>${text(metric.label)}</th><td class="number">${number(metric.meanA)}</td><td class="number">${number(metric.meanB)}</td>` +
        `<td>${text(test)}</td><td class="${tone}">${text(metric.verdict)}</td></tr>`
      );
    }),
    '</table>',
    changesTable(
      `Regressions (pass in A, fail in B): ${comparison.regressions.length}`,
      comparison.regressions,
    ),
    changesTable(
      `Improvements (fail in A, pass in B): ${comparison.improvements.length}`,
      comparison.improvements,
    ),
  ];
  if (comparison.onlyInA.length > 0) parts.push(`<p>Only in A: ${text(comparison.onlyInA.join(', '))}</p>`);
  if (comparison.onlyInB.length > 0) parts.push(`<p>Only in B: ${text(comparison.onlyInB.join(', '))}</p>`);
  parts.push('</section>');
  return parts.join('\n');
}

function changesTable(title: string, changes: readonly CaseChange[]): string {
  if (changes.length === 0) return `<h3>${text(title)}</h3>`;
  return [
    `<h3>${text(title)}</h3>`,
    '<table><tr><th>case</th><th class="number">score A</th><th class="number">score B</th><th>reason</th></tr>',
    ...changes.map(
      (change) =>
        `<tr><td>${text(change.caseId)}</td><td class="number">${change.scoreA.toFixed(2)}</td>` +
        `<td class="number">${change.scoreB.toFixed(2)}</td><td>${text(change.reason ?? '')}</td></tr>`,
    ),
    '</table>',
  ].join('\n');
}

const number = (value: number | null): string =>
  value === null ? '—' : String(Number(value.toPrecision(4)));
