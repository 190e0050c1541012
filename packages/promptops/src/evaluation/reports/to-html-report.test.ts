import { describe, expect, it } from 'vitest';
import { compareRuns } from '../metrics/compare-runs.ts';
import { caseResult } from '../metrics/test-fixtures.ts';
import { assertWellFormedXml, HOSTILE, hasControlCharacter, suiteReport } from './test-fixtures.ts';
import { toHtmlReport } from './to-html-report.ts';

describe('toHtmlReport', () => {
  const report = suiteReport();
  const html = toHtmlReport(report, { title: `Eval ${HOSTILE}` });

  it('is one self-contained file: inline CSS, no scripts, no external references', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|<img|src=|href=|@import|url\(/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('escapes hostile content everywhere it appears (title, descriptions, outputs, reasons)', () => {
    expect(html).not.toContain('</script>');
    expect(html).not.toContain(']]>');
    expect(html).not.toContain('<b>');
    expect(hasControlCharacter(html)).toBe(false);
    const escaped = '&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;';
    expect(html.split(escaped).length - 1).toBeGreaterThanOrEqual(4);
    expect(() => assertWellFormedXml(html)).not.toThrow();
  });

  it('shows the summary, thresholds, metrics and confusion matrix', () => {
    expect(html).toContain('<span class="fail">2 passed (66.7%)</span>');
    expect(html).toContain('<span class="fail">✗</span> pass rate 66.7% is below the minimum 90.0%');
    expect(html).toContain('<tr><th>accuracy</th><td>66.7%</td></tr>');
    expect(html).toContain('<h3>Confusion matrix</h3>');
    // Rows expected (greeting, refund), columns predicted: refund was once predicted as greeting.
    expect(html).toContain(
      '<tr><th>greeting</th><td class="number diagonal">1</td><td class="number ">0</td></tr>',
    );
    expect(html).toContain(
      '<tr><th>refund</th><td class="number off">1</td><td class="number diagonal">1</td></tr>',
    );
  });

  it('lists cases failing first, with truncated outputs and reasons', () => {
    const hostileRow = html.indexOf('<strong>hostile</strong>');
    expect(hostileRow).toBeGreaterThan(-1);
    expect(hostileRow).toBeLessThan(html.indexOf('<strong>greets</strong>'));
    const long = suiteReport({
      results: [caseResult('long', false, { output: { output: 'x'.repeat(900) } })],
    });
    expect(toHtmlReport(long, { outputChars: 50 })).toContain(`<pre>${'x'.repeat(50)}…</pre>`);
  });

  it('adds a comparison section with verdicts and flipped cases when given one', () => {
    const before = [caseResult('a', true), caseResult('b', false), caseResult('c', true)];
    const after = [caseResult('a', false), caseResult('b', true), caseResult('d', true)];
    const withComparison = toHtmlReport(report, {
      comparison: { comparison: compareRuns(before, after), labelA: 'v3 <old>', labelB: 'v4' },
    });
    expect(withComparison).toContain('<h2>Comparison: v3 &lt;old&gt; (A) vs v4 (B)</h2>');
    expect(withComparison).toContain('no significant difference (p = 1)');
    expect(withComparison).toContain('Regressions (pass in A, fail in B): 1');
    expect(withComparison).toContain('Only in A: c');
    expect(withComparison).toContain('Only in B: d');
    expect(html).not.toContain('Comparison:');
    expect(() => assertWellFormedXml(withComparison)).not.toThrow();
  });
});
