import { describe, expect, it } from 'vitest';
import { formatTable } from './format-table.ts';
import { suiteReport } from './test-fixtures.ts';

describe('formatTable', () => {
  it('shows the suite, counts, thresholds, failing cases with their first reason, and metrics', () => {
    const table = formatTable(suiteReport({}, { pass_rate: 0.9, pii_leak_rate_max: 0 }));
    expect(table).toContain('support/intents → support/intent v4  (behavioural, 4.3 s)');
    expect(table).toContain('cases 3  passed 2  failed 1  pass rate 66.7%');
    expect(table).toContain('  ✗ pass rate 66.7% is below the minimum 90.0%');
    expect(table).toContain('  ✓ PII-leak rate ≤ 0.0% (measured 0.0%)');
    expect(table).toContain('failing cases (1)\n  ✗ hostile — tries </script>');
    expect(table).toMatch(/\n {6}found <\/script><script>alert\(1\)<\/script> \]\]> "quoted"/);
    expect(table).toContain('accuracy            66.7%');
    expect(table).toContain('latency             p50 800 ms, p90 1,120 ms');
    expect(table).toMatch(/cost {16}total ≥ \$0\.002000, mean \$0\.001000, p90 \$0\.001000; 1 unknown/);
  });

  it('has no colour codes or stray control characters unless colour is asked for', () => {
    const plain = formatTable(suiteReport());
    expect(plain).not.toContain('\u001B');
    expect(plain).not.toContain('\u0000');
    expect(formatTable(suiteReport(), { colour: true })).toContain('\u001B[31m✗\u001B[0m');
  });

  it('caps the failure list', () => {
    const table = formatTable(suiteReport(), { maxFailures: 0 });
    expect(table).toContain('… and 1 more');
    expect(table).not.toContain('hostile');
  });

  it('omits the thresholds block when none were set', () => {
    expect(formatTable(suiteReport({ thresholds: {}, thresholdFailures: [] }))).not.toContain('thresholds');
  });
});
