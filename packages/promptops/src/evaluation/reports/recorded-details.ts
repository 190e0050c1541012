import { type RecordedCase, recordedCases } from './recorded-cases.ts';
import type { SuiteReport } from './report-types.ts';

/** What the store keeps of a run beside passed/total: enough for the catalog and reviewers. */
export function recordedDetails(report: SuiteReport): Record<string, unknown> {
  const { metrics } = report;
  return {
    kind: report.kind,
    startedAt: report.startedAt,
    durationMs: Math.round(report.durationMs),
    passRate: metrics.passRate,
    repeats: metrics.repeats,
    ...(metrics.classification && {
      accuracy: metrics.classification.accuracy,
      macroF1: metrics.classification.macroF1,
    }),
    formatCompliance: metrics.formatCompliance,
    guardTriggerRate: metrics.guardTriggerRate,
    piiLeakRate: metrics.piiLeakRate,
    escalationRate: metrics.escalationRate,
    thresholdFailures: report.thresholdFailures.map((failure) => failure.message),
    failedCases: report.results.filter((result) => !result.pass).map((result) => result.caseId),
    // Per case: outputs and assertion reasons for the web UI's matrix and stored comparisons.
    cases: recordedCasesOf(report),
  };
}

/** A report's per-case results as recorded, with the cases' descriptions. */
export function recordedCasesOf(report: SuiteReport): RecordedCase[] | undefined {
  return recordedCases(report.results, descriptionsOf(report));
}

function descriptionsOf(report: SuiteReport): Map<string, string> {
  const descriptions = new Map<string, string>();
  for (const entry of report.cases ?? []) {
    if (entry.description !== undefined) descriptions.set(entry.id, entry.description);
  }
  return descriptions;
}
