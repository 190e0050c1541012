import { describe, expect, it } from 'vitest';
import { compareRuns } from '../metrics/index.ts';
import { caseResult, caseResults } from '../metrics/test-fixtures.ts';
import { migrationVerdict, worstVerdict } from './migration-verdict.ts';

describe('migrationVerdict', () => {
  it('is regressions when the candidate passes significantly fewer cases', () => {
    const comparison = compareRuns(caseResults('case', 8, true), caseResults('case', 8, false));
    expect(migrationVerdict(comparison)).toBe('regressions');
  });

  it('is inconclusive when cases regressed but too few to call', () => {
    const current = caseResults('case', 8, true);
    const candidate = current.map((result, index) => (index < 2 ? caseResult(result.caseId, false) : result));
    expect(migrationVerdict(compareRuns(current, candidate))).toBe('inconclusive');
  });

  it('is safe when nothing regressed, even when the candidate is slower', () => {
    const current = caseResults('case', 10, true);
    const candidate = current.map((result) =>
      caseResult(result.caseId, true, { output: { latencyMs: 900 } }),
    );
    expect(migrationVerdict(compareRuns(current, candidate))).toBe('safe');
  });

  it('takes the worst verdict of a prompt’s suites', () => {
    expect(worstVerdict(['safe', 'inconclusive', 'safe'])).toBe('inconclusive');
    expect(worstVerdict(['inconclusive', 'regressions'])).toBe('regressions');
    expect(worstVerdict([])).toBe('safe');
  });
});
