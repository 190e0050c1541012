import { checkThresholds, type SuiteThresholds } from '../metrics/check-thresholds.ts';
import { suiteMetrics } from '../metrics/suite-metrics.ts';
import { caseResult } from '../metrics/test-fixtures.ts';
import type { SuiteReport } from './report-types.ts';

/** Text a hostile model (or case author) might produce. */
export const HOSTILE = `</script><script>alert(1)</script> ]]> "quoted" & 'single' <b>\u0000\u0007\u001B[31m`;

/** A small suite run: one pass, one failure with hostile content, one classifier miss. */
export function suiteReport(
  overrides: Partial<SuiteReport> = {},
  thresholds: SuiteThresholds = { pass_rate: 0.9 },
): SuiteReport {
  const results = [
    caseResult('greets', true, {
      expectedClass: 'greeting',
      predictedClass: 'greeting',
      output: { latencyMs: 1200 },
    }),
    caseResult('hostile', false, {
      expectedClass: 'refund',
      predictedClass: 'greeting',
      output: { output: HOSTILE, latencyMs: 800 },
      assertions: [{ type: 'not-contains', pass: false, score: 0, weight: 1, reason: `found ${HOSTILE}` }],
    }),
    caseResult('refund', true, {
      expectedClass: 'refund',
      predictedClass: 'refund',
      output: { costUsd: null },
    }),
  ];
  const metrics = suiteMetrics(results);
  return {
    suite: 'support/intents',
    target: 'support/intent',
    version: 4,
    kind: 'behavioural',
    metrics,
    thresholds,
    thresholdFailures: checkThresholds(metrics, thresholds),
    results,
    cases: [
      { id: 'greets', description: 'says hello', source: 'evals/support/intents.yaml:3' },
      { id: 'hostile', description: `tries ${HOSTILE}`, source: 'evals/support/intents.yaml:9' },
    ],
    startedAt: '2025-03-01T10:00:00.000Z',
    durationMs: 4321,
    ...overrides,
  };
}

/**
 * A minimal XML well-formedness check for tests (no parser ships with the repo): tags nest and
 * close, attributes are quoted, every `&` starts an entity, no raw `<` in text, no control characters.
 */
export function assertWellFormedXml(xml: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the check is for control characters.
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(xml)) throw new Error('control character in XML');
  if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(xml)) throw new Error('bare & in XML');
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '').replace(/^<!DOCTYPE html>\s*/i, '');
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+(?:="[^"<]*")?)*)\s*(\/?)>|<|>/g;
  for (const match of body.matchAll(tag)) {
    if (match[0] === '<')
      throw new Error(`raw < at ${match.index}: ${body.slice(match.index!, match.index! + 40)}`);
    if (match[0] === '>')
      throw new Error(`raw > at ${match.index}: ${body.slice(match.index! - 40, match.index! + 1)}`);
    const [, closing, name, , selfClosing] = match;
    if (selfClosing || VOID.has(name!.toLowerCase())) continue;
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}>`);
    } else stack.push(name!);
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('>, <')}>`);
}

/** HTML void elements, which never close. */
const VOID = new Set(['meta', 'br', 'hr', 'img', 'input', 'link']);

/** True when `text` holds a C0 control character other than tab, newline or carriage return. */
export const hasControlCharacter = (text: string): boolean =>
  Array.from(text).some((character) => {
    const code = character.codePointAt(0)!;
    return code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
  });
