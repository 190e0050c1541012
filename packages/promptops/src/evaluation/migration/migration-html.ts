import { escapeMarkup as text } from '../reports/escape-markup.ts';
import { formatPercent } from '../reports/format-values.ts';
import { comparisonSection } from '../reports/html-comparison-section.ts';
import { HTML_STYLES } from '../reports/html-styles.ts';
import { costText, latencyText } from './format-migration.ts';
import type { MigrationReport } from './migration-report.ts';

/** One self-contained page (inline CSS, no scripts), like the eval report, for a migration check. */
export function migrationHtml(report: MigrationReport): string {
  const title = `Model migration check: ${report.candidate} (${report.environment})`;
  const body: string[] = [];
  for (const prompt of report.prompts) {
    if (prompt.outcome !== 'checked') {
      body.push(
        `<h2>${text(prompt.prompt)}</h2><p class="fail">${prompt.outcome === 'refused' ? 'Refused' : 'Not checked'}: ${text(prompt.reason)}</p>`,
      );
      continue;
    }
    body.push(
      `<h2>${text(prompt.prompt)} v${prompt.version}: <span class="${prompt.verdict === 'safe' ? 'pass' : 'fail'}">${prompt.verdict}</span></h2>`,
    );
    for (const suite of prompt.suites) {
      body.push(
        `<h3>${text(suite.suite)}: ${suite.verdict}</h3>`,
        '<table><tr><th>model</th><th class="number">pass rate</th><th class="number">cost</th><th class="number">p50</th><th class="number">p99</th></tr>',
        ...(
          [
            [prompt.currentModel, suite.current],
            [report.candidate, suite.candidate],
          ] as const
        ).map(
          ([label, figures]) =>
            `<tr><td>${text(label)}</td><td class="number">${formatPercent(figures.passRate)}</td><td class="number">${text(costText(figures))}</td>` +
            `<td class="number">${text(latencyText(figures.p50LatencyMs))}</td><td class="number">${text(latencyText(figures.p99LatencyMs))}</td></tr>`,
        ),
        '</table>',
        comparisonSection({
          comparison: suite.comparison,
          labelA: prompt.currentModel,
          labelB: report.candidate,
        }),
      );
    }
  }
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${text(title)}</title>`,
    `<style>${HTML_STYLES}</style>`,
    '</head>',
    '<body>',
    `<h1>${text(title)}</h1>`,
    `<p>Verdict: <strong>${report.verdict}</strong>. Significance level ${report.alpha}. Started ${text(report.startedAt)}.</p>`,
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
