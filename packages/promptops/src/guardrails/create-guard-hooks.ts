import type { GuardPolicy } from '../governance/policies/guard-policy.ts';
import { findCommitments } from './output/find-commitments.ts';
import { findTerms } from './output/find-terms.ts';
import type { GuardAction, GuardCheckResult, GuardSpan } from './verdict.ts';
import { strictest } from './verdict.ts';

/** A finding of personal data, as the PII scanner reports it. */
export interface PiiFinding {
  type: string;
  start: number;
  end: number;
}

/** The detectors the hooks use; injected so each can be tested and replaced on its own. */
export interface GuardDetectors {
  injectionScore?(text: string): { score: number; signals: string[] };
  scanPii?(text: string, entities?: readonly string[]): PiiFinding[];
  redactPii?(text: string, findings: readonly PiiFinding[]): string;
}

/** The hook shapes of runtime/runtime-parts.ts, restated so guardrails does not import the runtime. */
export interface GuardHookInput {
  prompt: string;
  content: { guards?: { policy?: string }; risk?: string };
  variables: Record<string, unknown>;
  output?: string;
}
export interface GuardHookOutcome {
  guard: string;
  stage: 'input' | 'output';
  action: GuardAction;
  reason?: string;
  spans?: GuardSpan[];
  field?: string;
  variables?: Record<string, unknown>;
  output?: string;
}
export type GuardHookFunction = (input: GuardHookInput) => GuardHookOutcome | undefined;

/**
 * The runtime's input and output guard stages from policies.yaml `guards`: a prompt names its
 * policy (`guards.policy`) or gets its risk tier's (`tiers.<risk>.guard_policy`); each check
 * returns a result, the strictest action wins, and the outcome
 * carries every reason and span (never the matched text itself, which may be personal data).
 */
export function createGuardHooks(
  policies: { guards: Record<string, GuardPolicy>; tiers?: Record<string, { guard_policy?: string }> },
  detectors: GuardDetectors = {},
): { input: GuardHookFunction; output: GuardHookFunction } {
  const policyOf = (input: GuardHookInput) => {
    // The prompt's own policy, else its risk tier's default (policies.yaml tiers.<risk>.guard_policy).
    const risk = input.content.risk;
    const name = input.content.guards?.policy ?? (risk ? policies.tiers?.[risk]?.guard_policy : undefined);
    return name ? { name, policy: policies.guards[name] } : undefined;
  };
  return {
    input(input) {
      const found = policyOf(input);
      const policy = found?.policy?.input;
      if (!found || !policy) return undefined;
      const results: GuardCheckResult[] = [];
      const texts = Object.entries(input.variables).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      );
      const total = texts.reduce((sum, [, text]) => sum + text.length, 0);
      if (policy.max_chars !== undefined && total > policy.max_chars) {
        results.push({
          check: 'length',
          action: 'block',
          reasons: [`input is ${total} characters; the policy allows ${policy.max_chars}`],
          spans: [],
        });
      }
      let variables: Record<string, unknown> | undefined;
      for (const [name, text] of texts) {
        if (policy.injection && detectors.injectionScore) {
          const { score, signals } = detectors.injectionScore(text);
          if (score >= policy.injection.threshold && policy.injection.action !== 'allow') {
            results.push({
              check: 'injection',
              action: policy.injection.action,
              reasons: [`${name}: injection score ${score.toFixed(2)} (${signals.join(', ')})`],
              spans: [],
            });
          }
        }
        if (policy.pii && policy.pii.action !== 'allow' && detectors.scanPii) {
          const findings = detectors.scanPii(text, policy.pii.entities);
          if (findings.length === 0) continue;
          const spans = findings.map((finding) => ({
            start: finding.start,
            end: finding.end,
            label: finding.type,
          }));
          const kinds = [...new Set(findings.map((finding) => finding.type))].join(', ');
          if (policy.pii.action === 'redact' && detectors.redactPii) {
            variables = { ...(variables ?? input.variables), [name]: detectors.redactPii(text, findings) };
            results.push({ check: 'pii', action: 'redact', reasons: [`${name}: redacted ${kinds}`], spans });
          } else {
            results.push({ check: 'pii', action: 'block', reasons: [`${name}: contains ${kinds}`], spans });
          }
        }
      }
      return combine('input', found.name, results, { variables });
    },
    output(input) {
      const found = policyOf(input);
      const policy = found?.policy?.output;
      const text = input.output ?? '';
      if (!found || !policy || text === '') return undefined;
      const results: GuardCheckResult[] = [];
      if (policy.max_chars !== undefined && text.length > policy.max_chars) {
        results.push({
          check: 'length',
          action: 'block',
          reasons: [`output is ${text.length} characters; the policy allows ${policy.max_chars}`],
          spans: [],
        });
      }
      const terms = findTerms(text, policy.banned_terms ?? []);
      if (terms.length > 0) {
        results.push({
          check: 'policy-terms',
          action: 'block',
          reasons: [`mentions ${[...new Set(terms.map((term) => term.label))].join(', ')}`],
          spans: terms,
        });
      }
      if (policy.commitments && policy.commitments !== 'allow') {
        const commitments = findCommitments(text);
        if (commitments.length > 0) {
          results.push({
            check: 'commitments',
            action: policy.commitments,
            reasons: [
              `unauthorised commitment: ${[...new Set(commitments.map((span) => span.label))].join(', ')}`,
            ],
            spans: commitments,
          });
        }
      }
      let output: string | undefined;
      if (policy.pii && policy.pii.action !== 'allow' && detectors.scanPii) {
        // A leak is personal data in the output that the caller did not give (the second seed's verify_no_pii_leak).
        const given = Object.values(input.variables)
          .filter((value): value is string => typeof value === 'string')
          .join('\n');
        const leaked = detectors
          .scanPii(text, policy.pii.entities)
          .filter((finding) => !given.includes(text.slice(finding.start, finding.end)));
        if (leaked.length > 0) {
          const spans = leaked.map((finding) => ({
            start: finding.start,
            end: finding.end,
            label: finding.type,
          }));
          const kinds = [...new Set(leaked.map((finding) => finding.type))].join(', ');
          if (policy.pii.action === 'redact' && detectors.redactPii) {
            output = detectors.redactPii(text, leaked);
            results.push({
              check: 'pii-leak',
              action: 'redact',
              reasons: [`redacted ${kinds} not given by the caller`],
              spans,
            });
          } else {
            results.push({
              check: 'pii-leak',
              action: 'block',
              reasons: [`output contains ${kinds} not given by the caller`],
              spans,
            });
          }
        }
      }
      return combine('output', found.name, results, { output });
    },
  };
}

function combine(
  stage: 'input' | 'output',
  policyName: string,
  results: GuardCheckResult[],
  replacement: { variables?: Record<string, unknown>; output?: string },
): GuardHookOutcome | undefined {
  if (results.length === 0) return undefined;
  const action = strictest(results);
  return {
    guard: `${policyName}:${results.map((result) => result.check).join('+')}`,
    stage,
    action,
    reason: results.flatMap((result) => result.reasons).join('; '),
    spans: results.flatMap((result) => result.spans),
    ...(action === 'redact' ? replacement : {}),
  };
}
