import type { CaseResult } from '../eval-types.ts';
import { failureReasons } from '../metrics/failure-reasons.ts';
import { escapeAttribute, escapeMarkup, truncate } from './escape-markup.ts';
import type { SuiteReport } from './report-types.ts';
import { thresholdRows } from './threshold-rows.ts';

export interface JUnitOptions {
  /** The `<testsuites name>`; default `promptops`. */
  name?: string;
  /** Characters of each repeat's output put in `<system-out>`; default 2000, 0 for none. */
  outputChars?: number;
}

/**
 * JUnit XML for CI systems, in the common dialect Jenkins and GitLab read (the Jenkins xunit
 * plugin's junit-10.xsd: testsuites › testsuite › properties, testcase › failure | skipped,
 * system-out). One `<testsuite>` per suite and one `<testcase>` per case (classname = suite, name =
 * case id and description); a failing case's `<failure>` carries its first reason as `message` and
 * every reason in the body. A suite that set thresholds gets one more testcase, `thresholds`, which
 * fails when any threshold is missed, so the CI job shows why the gate closed. A case with no
 * repeats is `<skipped>`. Times are seconds.
 *
 * @example writeFileSync('junit.xml', toJUnitXml(reports));
 */
export function toJUnitXml(suites: readonly SuiteReport[], options: JUnitOptions = {}): string {
  const blocks = suites.map((suite) => suiteXml(suite, options.outputChars ?? 2000));
  const total = (key: 'tests' | 'failures' | 'skipped') => blocks.reduce((sum, block) => sum + block[key], 0);
  const time = suites.reduce((sum, suite) => sum + suite.durationMs, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeAttribute(options.name ?? 'promptops')}" tests="${total('tests')}" ` +
      `failures="${total('failures')}" errors="0" skipped="${total('skipped')}" time="${seconds(time)}">`,
    ...blocks.map((block) => block.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

interface SuiteBlock {
  xml: string;
  tests: number;
  failures: number;
  skipped: number;
}

function suiteXml(suite: SuiteReport, outputChars: number): SuiteBlock {
  const descriptions = new Map((suite.cases ?? []).map((testCase) => [testCase.id, testCase.description]));
  const cases = suite.results.map((result) =>
    caseXml(suite.suite, result, descriptions.get(result.caseId), outputChars),
  );
  const thresholds = thresholdRows(suite);
  const missed = thresholds.filter((row) => !row.met);
  if (thresholds.length > 0) {
    const body = thresholds.map((row) => `${row.met ? 'met' : 'MISSED'}: ${row.text}`).join('\n');
    cases.push({
      xml: testcaseXml(suite.suite, 'thresholds', 0, [
        missed.length > 0
          ? `      <failure message="${escapeAttribute(missed.map((row) => row.text).join('; '))}" type="threshold">${escapeMarkup(body)}</failure>`
          : `      <system-out>${escapeMarkup(body)}</system-out>`,
      ]),
      failed: missed.length > 0,
      skipped: false,
    });
  }
  const failures = cases.filter((entry) => entry.failed).length;
  const skipped = cases.filter((entry) => entry.skipped).length;
  const properties = [
    ['target', suite.target],
    ...(suite.version === undefined ? [] : [['version', String(suite.version)]]),
    ['kind', suite.kind],
  ].map(
    ([name, value]) =>
      `      <property name="${escapeAttribute(name!)}" value="${escapeAttribute(value!)}"/>`,
  );
  const xml = [
    `  <testsuite name="${escapeAttribute(suite.suite)}" tests="${cases.length}" failures="${failures}" errors="0" ` +
      `skipped="${skipped}" time="${seconds(suite.durationMs)}" timestamp="${timestamp(suite.startedAt)}">`,
    '    <properties>',
    ...properties,
    '    </properties>',
    ...cases.map((entry) => entry.xml),
    '  </testsuite>',
  ].join('\n');
  return { xml, tests: cases.length, failures, skipped };
}

function caseXml(
  suiteName: string,
  result: CaseResult,
  description: string | undefined,
  outputChars: number,
): { xml: string; failed: boolean; skipped: boolean } {
  const name = description ? `${result.caseId}: ${description}` : result.caseId;
  const time = result.repeats.reduce((sum, repeat) => sum + repeat.output.latencyMs, 0);
  const children: string[] = [];
  const skipped = result.repeats.length === 0;
  if (skipped) children.push('      <skipped message="no runs recorded"/>');
  else if (!result.pass) {
    const reasons = failureReasons(result);
    children.push(
      `      <failure message="${escapeAttribute(reasons[0] ?? 'failed')}" type="assertion">${escapeMarkup(reasons.join('\n'))}</failure>`,
    );
  }
  if (outputChars > 0 && !skipped) {
    const outputs = result.repeats.map((repeat, index) => {
      const heading = result.repeats.length > 1 ? `--- run ${index + 1}: ${repeat.output.status}\n` : '';
      return heading + truncate(repeat.output.output, outputChars);
    });
    children.push(`      <system-out>${escapeMarkup(outputs.join('\n'))}</system-out>`);
  }
  return { xml: testcaseXml(suiteName, name, time, children), failed: !skipped && !result.pass, skipped };
}

function testcaseXml(classname: string, name: string, milliseconds: number, children: string[]): string {
  const open = `    <testcase classname="${escapeAttribute(classname)}" name="${escapeAttribute(name)}" time="${seconds(milliseconds)}"`;
  return children.length === 0 ? `${open}/>` : [`${open}>`, ...children, '    </testcase>'].join('\n');
}

const seconds = (milliseconds: number): string => (Math.max(0, milliseconds) / 1000).toFixed(3);

/** junit-10.xsd types `timestamp` as a dateTime without zone (`2024-05-01T09:30:00`); ours is UTC. */
function timestamp(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '1970-01-01T00:00:00' : date.toISOString().slice(0, 19);
}
