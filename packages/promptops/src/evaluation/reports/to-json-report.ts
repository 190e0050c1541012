import type { RunComparison } from '../metrics/compare-runs.ts';
import type { ComparisonSection, SuiteReport } from './report-types.ts';

/** The JSON report's shape; `formatVersion` changes when a field is removed or changes meaning. */
export interface JsonReport {
  format: 'promptops-eval-report';
  formatVersion: 1;
  summary: { suites: number; cases: number; passed: number; thresholdFailures: number };
  suites: SuiteReport[];
  comparison?: RunComparison & { labelA: string; labelB: string };
}

/**
 * The machine-readable report: every suite with its metrics, threshold failures and full case
 * results, plus the comparison when given. Pretty-printed with stable key order, so two reports
 * diff cleanly.
 *
 * @example writeFileSync('eval-report.json', toJsonReport(reports, { comparison: { comparison } }));
 */
export function toJsonReport(
  reports: SuiteReport | readonly SuiteReport[],
  options: { comparison?: ComparisonSection } = {},
): string {
  const suites = Array.isArray(reports) ? [...reports] : [reports as SuiteReport];
  const document: JsonReport = {
    format: 'promptops-eval-report',
    formatVersion: 1,
    summary: {
      suites: suites.length,
      cases: suites.reduce((total, suite) => total + suite.metrics.cases, 0),
      passed: suites.reduce((total, suite) => total + suite.metrics.passed, 0),
      thresholdFailures: suites.reduce((total, suite) => total + suite.thresholdFailures.length, 0),
    },
    suites,
  };
  if (options.comparison) {
    const { comparison, labelA = 'A', labelB = 'B' } = options.comparison;
    document.comparison = { labelA, labelB, ...comparison };
  }
  return `${JSON.stringify(document, null, 2)}\n`;
}
