import { describe, expect, it } from 'vitest';
import { caseResult } from '../metrics/test-fixtures.ts';
import { assertWellFormedXml, hasControlCharacter, suiteReport } from './test-fixtures.ts';
import { toJUnitXml } from './to-junit-xml.ts';

describe('toJUnitXml', () => {
  const xml = toJUnitXml([
    suiteReport(),
    suiteReport({ suite: 'support/tone', thresholds: {}, thresholdFailures: [] }),
  ]);

  it('is well-formed XML even with hostile outputs, reasons and descriptions', () => {
    expect(() => assertWellFormedXml(xml)).not.toThrow();
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain(']]>');
    expect(hasControlCharacter(xml)).toBe(false);
    expect(xml).toContain(
      '&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &quot;quoted&quot; &amp; &#39;single&#39;',
    );
  });

  it('catches a malformed document (the checker can fail)', () => {
    expect(() => assertWellFormedXml('<a><b></a>')).toThrow();
    expect(() => assertWellFormedXml('<a>x < y</a>')).toThrow();
    expect(() => assertWellFormedXml('<a>R&D</a>')).toThrow();
  });

  it('writes one testsuite per suite with counts, seconds and a zone-less timestamp', () => {
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="promptops" tests="7" failures="3" errors="0" skipped="0" time="8.642">/,
    );
    expect(xml).toContain(
      '<testsuite name="support/intents" tests="4" failures="2" errors="0" skipped="0" time="4.321" timestamp="2025-03-01T10:00:00">',
    );
    expect(xml).toContain('<property name="target" value="support/intent"/>');
    expect(xml).toContain('<property name="version" value="4"/>');
    expect(xml.match(/<testsuite /g)).toHaveLength(2);
  });

  it('writes one testcase per case: classname = suite, name = id and description, time in seconds', () => {
    expect(xml).toContain('<testcase classname="support/intents" name="greets: says hello" time="1.200">');
    expect(xml).toContain('<testcase classname="support/intents" name="refund" time="0.100">');
    expect(xml).toMatch(/<testcase classname="support\/intents" name="hostile: tries &lt;\/script&gt;/);
  });

  it('puts the reasons in a failure element and the output in system-out', () => {
    expect(xml).toMatch(
      /<failure message="found &lt;\/script&gt;[^"]*" type="assertion">found &lt;\/script&gt;/,
    );
    expect(xml).toContain('<system-out>fine</system-out>');
  });

  it('adds a thresholds testcase that fails when a threshold is missed', () => {
    expect(xml).toContain(
      '<testcase classname="support/intents" name="thresholds" time="0.000">\n      <failure message="pass rate 66.7% is below the minimum 90.0%" type="threshold">',
    );
    const met = toJUnitXml([suiteReport({}, { pass_rate: 0.5 })]);
    expect(met).toContain('<system-out>met: pass rate ≥ 50.0% (measured 66.7%)</system-out>');
    expect(xml.match(/name="thresholds"/g)).toHaveLength(1);
  });

  it('marks a case without runs as skipped and keeps newlines in failure messages', () => {
    const report = suiteReport({
      thresholds: {},
      thresholdFailures: [],
      results: [
        { ...caseResult('empty', true), repeats: [] },
        caseResult('multi', false, {
          assertions: [{ type: 'regex', pass: false, score: 0, weight: 1, reason: 'line one\nline two' }],
        }),
      ],
    });
    const skipped = toJUnitXml([report], { outputChars: 0 });
    expect(skipped).toContain('skipped="1"');
    expect(skipped).toContain('<skipped message="no runs recorded"/>');
    expect(skipped).toContain('message="line one&#10;line two"');
    expect(skipped).not.toContain('<system-out>');
    expect(() => assertWellFormedXml(skipped)).not.toThrow();
  });
});
