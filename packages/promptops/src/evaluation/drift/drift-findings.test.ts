import { describe, expect, it } from 'vitest';
import { driftFindings, watchedFigures } from './drift-findings.ts';

describe('driftFindings', () => {
  it('calls a fall beyond the drop, never one within it or a rise', () => {
    const findings = driftFindings(
      { passRate: 1, accuracy: 0.9, formatCompliance: 1 },
      { passRate: 0.95, accuracy: 0.8, formatCompliance: 1, macroF1: 0.2 },
      0.05,
    );
    // passRate fell by exactly the drop (0.05): within it. accuracy fell by 0.1: beyond it.
    expect(findings.drops).toEqual([{ metric: 'accuracy', before: 0.9, after: 0.8, fall: 0.1 }]);
    expect(driftFindings({ passRate: 0.5 }, { passRate: 0.9 }, 0.05).drops).toEqual([]);
  });

  it('reads the figures promptops test records, ignoring what is not a number', () => {
    expect(watchedFigures({ accuracy: 0.75, macroF1: 'n/a', formatCompliance: 1 }, 0.5)).toEqual({
      passRate: 0.5,
      accuracy: 0.75,
      formatCompliance: 1,
    });
    expect(watchedFigures(null, 1)).toEqual({ passRate: 1 });
  });
});
