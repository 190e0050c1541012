import { describe, expect, it } from 'vitest';
import { compareRuns } from '../metrics/compare-runs.ts';
import { suiteReport } from './test-fixtures.ts';
import { toJsonReport } from './to-json-report.ts';

describe('toJsonReport', () => {
  it('round-trips suites with a summary and a format version', () => {
    const report = suiteReport();
    const parsed = JSON.parse(toJsonReport([report, report]));
    expect(parsed).toMatchObject({
      format: 'promptops-eval-report',
      formatVersion: 1,
      summary: { suites: 2, cases: 6, passed: 4, thresholdFailures: 2 },
    });
    expect(parsed.suites[0]).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('keeps hostile text intact (JSON escaping is the reader’s concern) and includes a labelled comparison', () => {
    const report = suiteReport();
    const json = toJsonReport(report, {
      comparison: { comparison: compareRuns(report.results, report.results), labelA: 'v3', labelB: 'v4' },
    });
    const parsed = JSON.parse(json);
    expect(parsed.suites[0].results[1].repeats[0].output.output).toBe(
      report.results[1]!.repeats[0]!.output.output,
    );
    expect(parsed.comparison).toMatchObject({ labelA: 'v3', labelB: 'v4', paired: 3 });
    expect(parsed.suites[0].metrics.cost.unknownCount).toBe(1);
  });
});
