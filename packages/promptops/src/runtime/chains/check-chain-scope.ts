import { suggestName } from '../../errors/suggest-name.ts';
import type { RunResult } from '../run-result.ts';
import { checkChainExpression, checkChainText, type ExpressionReference } from './chain-expression.ts';

/** What an expression can read of a stage that ran: `intent.parsed.intent`, `intent.status`. */
export const CHAIN_STAGE_FIELDS = ['output', 'parsed', 'status', 'confidence', 'decision', 'reason'] as const;

/** A stage's entry in the scope; absent fields are nil, so `intent.confidence < 0.7` never throws. */
export function stageScope(result: RunResult): Record<(typeof CHAIN_STAGE_FIELDS)[number], unknown> {
  return {
    output: result.output,
    parsed: result.parsed ?? null,
    status: result.status,
    confidence: result.confidence ?? null,
    decision: result.decision ?? null,
    reason: result.reason ?? null,
  };
}

/** The parts of a chain that hold expressions (ChainContent, structurally). */
export interface ScopedChain {
  input: { properties: Record<string, unknown> };
  stages: readonly {
    id: string;
    variables: Record<string, string>;
    rules: readonly { if: string; then: string | Record<string, string | undefined>; reason?: string }[];
  }[];
  output: string;
}

export interface ScopeIssue {
  message: string;
  /** Field path in the chain file: `['stages', 1, 'variables', 'intent']`. */
  path: (string | number)[];
}

/**
 * What each expression may read: `input` (its declared variables) and the stages before it. A
 * stage's variables are evaluated before it runs, so they see earlier stages only; its rules run
 * after it, so they see it too; `output` sees every stage. Unparsable expressions are skipped
 * (the schema reports them); unparsable `reason` templates are reported here.
 * @example checkChainScope(chain) // [{ message: 'reply.parsed: stage "reply" (stage 3) has not run yet here; use input or intent', path: ['stages', 1, 'variables', 'x'] }]
 */
export function checkChainScope(chain: ScopedChain): ScopeIssue[] {
  const ids = chain.stages.map((stage) => stage.id);
  const issues: ScopeIssue[] = [];
  const check = (text: string, path: (string | number)[], visible: number, kind: 'expression' | 'text') => {
    const checked = kind === 'text' ? checkChainText(text) : checkChainExpression(text);
    if (!checked.ok) {
      if (kind === 'text') issues.push({ message: `invalid template: ${checked.message}`, path });
      return;
    }
    const messages = checked.references.map((reference) => referenceProblem(reference, chain, ids, visible));
    for (const message of new Set(messages)) if (message) issues.push({ message, path });
  };
  chain.stages.forEach((stage, index) => {
    for (const [name, text] of Object.entries(stage.variables)) {
      check(text, ['stages', index, 'variables', name], index, 'expression');
    }
    stage.rules.forEach((rule, ruleIndex) => {
      const at = ['stages', index, 'rules', ruleIndex];
      check(rule.if, [...at, 'if'], index + 1, 'expression');
      if (typeof rule.then === 'object') {
        for (const [key, text] of Object.entries(rule.then)) {
          if (text !== undefined) check(text, [...at, 'then', key], index + 1, 'expression');
        }
      }
      if (rule.reason) check(rule.reason, [...at, 'reason'], index + 1, 'text');
    });
  });
  check(chain.output, ['output'], ids.length, 'expression');
  return issues;
}

function referenceProblem(
  reference: ExpressionReference,
  chain: ScopedChain,
  ids: string[],
  visible: number,
): string | undefined {
  const { root, property, text } = reference;
  const seen = ['input', ...ids.slice(0, visible)];
  if (root === 'input') {
    const declared = Object.keys(chain.input.properties);
    if (typeof property !== 'string' || declared.includes(property)) return undefined;
    return withHint(`${text}: "${property}" is not declared under input.properties`, property, declared);
  }
  const stageIndex = ids.indexOf(root);
  if (stageIndex >= 0 && stageIndex === visible) {
    return `${text}: "${root}" is this stage, whose result exists only once it has run (rules can use it)`;
  }
  if (stageIndex > visible) {
    return `${text}: stage "${root}" (stage ${stageIndex + 1}) has not run yet here; use ${listNames(seen)}`;
  }
  if (stageIndex >= 0) {
    const fields: readonly string[] = CHAIN_STAGE_FIELDS;
    if (property === undefined || fields.includes(String(property))) return undefined;
    return withHint(`${text}: a stage result has ${fields.join(', ')}`, String(property), fields);
  }
  return withHint(`${text}: unknown name "${root}"; use ${listNames(seen)}`, root, seen);
}

function withHint(message: string, wrong: string, known: readonly string[]): string {
  const suggestion = suggestName(wrong, known);
  return suggestion ? `${message}; did you mean "${suggestion}"?` : message;
}

function listNames(all: string[]): string {
  const names = [...new Set(all)];
  return names.length === 1 ? `${names[0]}` : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}
