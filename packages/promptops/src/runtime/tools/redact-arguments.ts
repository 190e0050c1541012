import type { GuardDetectors } from '../../guardrails/create-guard-hooks.ts';

const SUMMARY_CHARS = 200;

/**
 * Personal data in a tool call's arguments or result, replaced the way the input guard redacts it
 * (all known entity types), for the audit trail. Without a PII scanner the text is kept as is.
 */
export function redactValue(value: unknown, detectors: GuardDetectors): unknown {
  if (typeof value === 'string') return redactText(value, detectors);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, detectors));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, redactValue(item, detectors)]),
    );
  }
  return value;
}

/** A short, redacted line about a handler's result: enough to audit, never the whole payload. */
export function summarizeResult(value: unknown, detectors: GuardDetectors): string {
  const text = value === undefined ? 'undefined' : typeof value === 'string' ? value : JSON.stringify(value);
  const redacted = redactText(text, detectors);
  return redacted.length > SUMMARY_CHARS ? `${redacted.slice(0, SUMMARY_CHARS - 1)}…` : redacted;
}

function redactText(text: string, detectors: GuardDetectors): string {
  if (!detectors.scanPii || !detectors.redactPii) return text;
  const findings = detectors.scanPii(text);
  return findings.length === 0 ? text : detectors.redactPii(text, findings);
}
