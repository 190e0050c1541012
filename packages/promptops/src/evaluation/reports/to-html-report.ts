import { escapeMarkup as text } from './escape-markup.ts';
import { comparisonSection } from './html-comparison-section.ts';
import { HTML_STYLES } from './html-styles.ts';
import { suiteSection } from './html-suite-section.ts';
import type { ComparisonSection, SuiteReport } from './report-types.ts';

export interface HtmlReportOptions {
  /** The page title; default "promptops eval report". */
  title?: string;
  comparison?: ComparisonSection;
  /** Characters of each output shown; default 500. */
  outputChars?: number;
}

/**
 * One self-contained HTML file: inline CSS, no scripts, no external assets, so it can be attached
 * to a CI run or mailed and opened anywhere. Everything taken from a run (outputs, reasons, ids,
 * labels) is escaped, and a Content-Security-Policy forbidding scripts and remote loads backs
 * that up should an escape ever be missed.
 *
 * @example writeFileSync('eval-report.html', toHtmlReport(reports, { comparison: { comparison, labelA: 'v3', labelB: 'v4' } }));
 */
export function toHtmlReport(
  reports: SuiteReport | readonly SuiteReport[],
  options: HtmlReportOptions = {},
): string {
  const suites: readonly SuiteReport[] = Array.isArray(reports) ? reports : [reports as SuiteReport];
  const title = options.title ?? 'promptops eval report';
  const outputChars = options.outputChars ?? 500;
  const overview = suites.map(
    (suite) =>
      `<tr><td>${text(suite.suite)}</td><td class="number">${suite.metrics.cases}</td><td class="number">${suite.metrics.passed}</td>` +
      `<td class="${suite.thresholdFailures.length === 0 ? 'pass' : 'fail'}">${suite.thresholdFailures.length === 0 ? '✓' : `✗ ${suite.thresholdFailures.length}`}</td></tr>`,
  );
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${text(title)}</title>`,
    `<style>${HTML_STYLES}</style>`,
    '</head>',
    '<body>',
    `<h1>${text(title)}</h1>`,
    '<table><tr><th>suite</th><th class="number">cases</th><th class="number">passed</th><th>thresholds</th></tr>',
    ...overview,
    '</table>',
    ...(options.comparison ? [comparisonSection(options.comparison)] : []),
    ...suites.map((suite) => suiteSection(suite, outputChars)),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
