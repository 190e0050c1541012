import type { CaseResult } from '../eval-types.ts';
import type { ClassificationMetrics } from '../metrics/classification-metrics.ts';
import { failureReasons } from '../metrics/failure-reasons.ts';
import { escapeMarkup as text, truncate } from './escape-markup.ts';
import {
  formatDuration,
  formatMilliseconds,
  formatPercent,
  metricRows,
  targetLabel,
} from './format-values.ts';
import type { SuiteReport } from './report-types.ts';
import { thresholdRows } from './threshold-rows.ts';

/** One suite's section of the HTML report: summary, thresholds, metrics, classes, cases. */
export function suiteSection(report: SuiteReport, outputChars: number): string {
  const { metrics } = report;
  const thresholds = thresholdRows(report);
  const parts = [
    `<section>`,
    `<h2>${text(report.suite)} <span class="muted">→ ${text(targetLabel(report))}</span></h2>`,
    `<p class="summary"><span>${text(report.kind)} suite</span><span>${metrics.cases} cases</span>` +
      `<span class="${metrics.passed === metrics.cases ? 'pass' : 'fail'}">${metrics.passed} passed (${formatPercent(metrics.passRate)})</span>` +
      `<span>started ${text(report.startedAt)}</span><span>took ${text(formatDuration(report.durationMs))}</span></p>`,
  ];
  if (thresholds.length > 0) {
    parts.push('<h3>Thresholds</h3><ul>');
    for (const row of thresholds) {
      parts.push(
        `<li><span class="${row.met ? 'pass' : 'fail'}">${row.met ? '✓' : '✗'}</span> ${text(row.text)}</li>`,
      );
    }
    parts.push('</ul>');
  }
  parts.push('<h3>Metrics</h3><table>');
  for (const [label, value] of metricRows(metrics))
    parts.push(`<tr><th>${text(label)}</th><td>${text(value)}</td></tr>`);
  parts.push('</table>');
  if (metrics.classification) parts.push(classificationTables(metrics.classification));
  parts.push(casesTable(report, outputChars), '</section>');
  return parts.join('\n');
}

function classificationTables(classification: ClassificationMetrics): string {
  const rows = classification.perClass.map(
    (entry) =>
      `<tr><td>${text(entry.label)}</td><td class="number">${entry.precision.toFixed(3)}</td>` +
      `<td class="number">${entry.recall.toFixed(3)}</td><td class="number">${entry.f1.toFixed(3)}</td>` +
      `<td class="number">${entry.support}</td></tr>`,
  );
  const { labels, matrix } = classification.confusion;
  const header = labels.map((label) => `<th class="number">${text(label)}</th>`).join('');
  const body = matrix.map(
    (row, rowIndex) =>
      `<tr><th>${text(labels[rowIndex]!)}</th>${row
        .map((count, columnIndex) => {
          const style = rowIndex === columnIndex ? 'diagonal' : count > 0 ? 'off' : '';
          return `<td class="number ${style}">${count}</td>`;
        })
        .join('')}</tr>`,
  );
  return [
    '<h3>Classes</h3>',
    '<table><tr><th>class</th><th class="number">precision</th><th class="number">recall</th><th class="number">F1</th><th class="number">support</th></tr>',
    ...rows,
    '</table>',
    '<h3>Confusion matrix</h3>',
    '<p class="muted">Rows: expected class. Columns: predicted class.</p>',
    `<table><tr><th>expected ＼ predicted</th>${header}</tr>`,
    ...body,
    '</table>',
  ].join('\n');
}

function casesTable(report: SuiteReport, outputChars: number): string {
  const cases = new Map((report.cases ?? []).map((testCase) => [testCase.id, testCase]));
  // Failing cases first: they are what a reader opens the report for.
  const ordered = [...report.results].sort((left, right) => Number(left.pass) - Number(right.pass));
  const rows = ordered.map((result) => caseRow(result, cases.get(result.caseId), outputChars));
  return [
    '<h3>Cases</h3>',
    '<table><tr><th>case</th><th>result</th><th class="number">score</th><th class="number">latency</th><th>output</th><th>reasons</th></tr>',
    ...rows,
    '</table>',
  ].join('\n');
}

function caseRow(
  result: CaseResult,
  testCase: { description?: string; source?: string } | undefined,
  outputChars: number,
): string {
  const repeats = result.repeats;
  const score =
    repeats.length === 0 ? 0 : repeats.reduce((sum, repeat) => sum + repeat.score, 0) / repeats.length;
  const latency =
    repeats.length === 0
      ? 0
      : repeats.reduce((sum, repeat) => sum + repeat.output.latencyMs, 0) / repeats.length;
  const first = repeats[0]?.output;
  const classes =
    result.expectedClass !== undefined
      ? `<div class="muted">expected ${text(result.expectedClass)}, predicted ${text(result.predictedClass ?? '(none)')}</div>`
      : '';
  const reasons = failureReasons(result);
  const repeatNote =
    repeats.length > 1
      ? ` <span class="muted">${formatPercent(result.passRate)} of ${repeats.length}</span>`
      : '';
  return [
    '<tr>',
    `<td><strong>${text(result.caseId)}</strong>${testCase?.description ? `<div>${text(testCase.description)}</div>` : ''}` +
      `${testCase?.source ? `<div class="muted">${text(testCase.source)}</div>` : ''}${classes}</td>`,
    `<td class="${result.pass ? 'pass' : 'fail'}">${result.pass ? 'pass' : 'fail'}${repeatNote}` +
      `${first && first.status !== 'ok' ? `<div class="muted">${text(first.status)}</div>` : ''}</td>`,
    `<td class="number">${score.toFixed(2)}</td>`,
    `<td class="number">${text(formatMilliseconds(latency))}</td>`,
    `<td><pre>${text(truncate(first?.output ?? '', outputChars))}</pre></td>`,
    `<td>${reasons.length > 0 ? `<ul class="reasons">${reasons.map((reason) => `<li>${text(reason)}</li>`).join('')}</ul>` : ''}</td>`,
    '</tr>',
  ].join('');
}
