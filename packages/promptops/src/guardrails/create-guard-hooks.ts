import type { GuardPolicy } from '../governance/policies/guard-policy.ts';
import { findCommitments } from './output/find-commitments.ts';
import { findTerms } from './output/find-terms.ts';
import { promptDelimiters } from './prompt-delimiters.ts';
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
  /** `appDelimiters`: the tags the prompt wraps untrusted text in (promptDelimiters). */
  injectionScore?(
    text: string,
    options?: { appDelimiters?: readonly string[] },
  ): { score: number; signals: string[] };
  scanPii?(text: string, entities?: readonly string[]): PiiFinding[];
  redactPii?(text: string, findings: readonly PiiFinding[]): string;
}

/** The hook shapes of runtime/runtime-parts.ts, restated so guardrails does not import the runtime. */
export interface GuardHookInput {
  prompt: string;
  content: {
    guards?: { policy?: string };
    risk?: string;
    classification?: string;
    text?: unknown;
    system?: unknown;
    messages?: unknown;
  };
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

interface GuardPolicies {
  guards: Record<string, GuardPolicy>;
  tiers?: Record<string, { guard_policy?: string }>;
  guards_by_classification?: Partial<Record<string, string>>;
}

interface NamedResult extends GuardCheckResult {
  policy: string;
}

/**
 * The runtime's input and output guard stages from policies.yaml: a prompt's own policy
 * (`guards.policy`) or else its risk tier's (`tiers.<risk>.guard_policy`), plus the policy for its
 * data classification (`guards_by_classification`). Every check of every policy returns a result;
 * redactions compose, the strictest action wins, and the outcome carries every reason and span
 * (never the matched text itself, which may be personal data).
 */
export function createGuardHooks(
  policies: GuardPolicies,
  detectors: GuardDetectors = {},
): { input: GuardHookFunction; output: GuardHookFunction } {
  // Which policies apply depends only on the content (a served version is one object) and the
  // policies, which are fixed here: worked out once per content object, not on every run.
  const applying = new WeakMap<GuardHookInput['content'], { name: string; policy: GuardPolicy }[]>();
  const policiesOf = (input: GuardHookInput): { name: string; policy: GuardPolicy }[] => {
    const known = applying.get(input.content);
    if (known) return known;
    const { risk, classification } = input.content;
    const own = input.content.guards?.policy ?? (risk ? policies.tiers?.[risk]?.guard_policy : undefined);
    const byClassification = classification ? policies.guards_by_classification?.[classification] : undefined;
    const names = [...new Set([own, byClassification].filter((name) => name !== undefined))];
    const found = names.flatMap((name) => {
      const policy = policies.guards[name];
      return policy ? [{ name, policy }] : [];
    });
    applying.set(input.content, found);
    return found;
  };
  return {
    input(input) {
      const results: NamedResult[] = [];
      let variables = input.variables;
      for (const { name, policy } of policiesOf(input)) {
        if (!policy.input) continue;
        const checked = checkInput(policy.input, variables, detectors, promptDelimiters(input.content));
        results.push(...checked.results.map((result) => ({ ...result, policy: name })));
        variables = checked.variables;
      }
      return combine('input', results, { variables });
    },
    output(input) {
      const results: NamedResult[] = [];
      let output = input.output ?? '';
      if (output === '') return undefined;
      for (const { name, policy } of policiesOf(input)) {
        if (!policy.output) continue;
        const checked = checkOutputText(policy.output, output, input.variables, detectors);
        results.push(...checked.results.map((result) => ({ ...result, policy: name })));
        output = checked.output;
      }
      return combine('output', results, { output });
    },
  };
}

function checkInput(
  policy: NonNullable<GuardPolicy['input']>,
  given: Record<string, unknown>,
  detectors: GuardDetectors,
  appDelimiters: readonly string[],
): { results: GuardCheckResult[]; variables: Record<string, unknown> } {
  const results: GuardCheckResult[] = [];
  let variables = given;
  const texts = Object.entries(given).filter(
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
  for (const [name, text] of texts) {
    if (policy.injection && detectors.injectionScore) {
      const { score, signals } = detectors.injectionScore(text, { appDelimiters });
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
      const spans = toSpans(findings);
      const kinds = kindsOf(findings);
      if (policy.pii.action === 'redact' && detectors.redactPii) {
        variables = { ...variables, [name]: detectors.redactPii(text, findings) };
        results.push({ check: 'pii', action: 'redact', reasons: [`${name}: redacted ${kinds}`], spans });
      } else {
        results.push({ check: 'pii', action: 'block', reasons: [`${name}: contains ${kinds}`], spans });
      }
    }
  }
  return { results, variables };
}

function checkOutputText(
  policy: NonNullable<GuardPolicy['output']>,
  text: string,
  variables: Record<string, unknown>,
  detectors: GuardDetectors,
): { results: GuardCheckResult[]; output: string } {
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
  let output = text;
  if (policy.pii && policy.pii.action !== 'allow' && detectors.scanPii) {
    // A leak is personal data in the output that the caller did not give (the second seed's verify_no_pii_leak).
    const given = Object.values(variables)
      .filter((value): value is string => typeof value === 'string')
      .join('\n');
    const leaked = detectors
      .scanPii(text, policy.pii.entities)
      .filter((finding) => !given.includes(text.slice(finding.start, finding.end)));
    if (leaked.length > 0) {
      const spans = toSpans(leaked);
      const kinds = kindsOf(leaked);
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
  return { results, output };
}

const toSpans = (findings: readonly PiiFinding[]): GuardSpan[] =>
  findings.map((finding) => ({ start: finding.start, end: finding.end, label: finding.type }));

const kindsOf = (findings: readonly PiiFinding[]): string =>
  [...new Set(findings.map((finding) => finding.type))].join(', ');

/** `customer-facing:policy-terms+commitments`, or one such part per policy when several applied. */
function guardLabel(results: readonly NamedResult[]): string {
  const byPolicy = new Map<string, string[]>();
  for (const result of results)
    byPolicy.set(result.policy, [...(byPolicy.get(result.policy) ?? []), result.check]);
  return [...byPolicy].map(([policy, checks]) => `${policy}:${[...new Set(checks)].join('+')}`).join(',');
}

function combine(
  stage: 'input' | 'output',
  results: NamedResult[],
  replacement: { variables?: Record<string, unknown>; output?: string },
): GuardHookOutcome | undefined {
  if (results.length === 0) return undefined;
  const action = strictest(results);
  return {
    guard: guardLabel(results),
    stage,
    action,
    reason: results.flatMap((result) => result.reasons).join('; '),
    spans: results.flatMap((result) => result.spans),
    ...(action === 'redact' ? replacement : {}),
  };
}
