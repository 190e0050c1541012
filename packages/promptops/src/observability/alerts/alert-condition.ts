import { suggestName } from '../../errors/suggest-name.ts';
import { ALERT_METRIC_NAMES, type AlertFigures, type AlertMetric, isAlertMetric } from './alert-metrics.ts';

export const COMPARATORS = ['>', '>=', '<', '<=', '==', '!='] as const;
export type Comparator = (typeof COMPARATORS)[number];

/** `factor * metric`, or a plain number when `metric` is absent. */
export interface Operand {
  factor: number;
  metric?: AlertMetric;
}

/** A parsed alert condition: `error_rate > 0.05`, `hourly_cost > 2 * baseline_hourly_cost`. */
export interface AlertCondition {
  text: string;
  left: Operand;
  comparator: Comparator;
  right: Operand;
}

export type ConditionResult = { ok: true; value: AlertCondition } | { ok: false; error: string };

type Token =
  | { kind: 'number'; value: number; at: number }
  | { kind: 'name'; value: string; at: number }
  | { kind: 'comparator'; value: Comparator; at: number }
  | { kind: 'times'; at: number };

const NUMBER = /^(\d+(\.\d+)?|\.\d+)([eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const COMPARATOR = /^(>=|<=|==|!=|>|<)/;

/**
 * Parses an alert condition without `eval`: `operand comparator operand`, where an operand is a
 * number, a metric, or a number times a metric (either order). The grammar is this small on purpose —
 * every condition in the seeds fits it, and a reader can check a rule at a glance. Expected failures
 * are values: the error names what is wrong and where, for policies.yaml's line-numbered message.
 * @example parseAlertCondition('hourly_cost > 2 * baseline_hourly_cost')
 */
export function parseAlertCondition(text: string): ConditionResult {
  const tokens = tokenize(text);
  if (!Array.isArray(tokens)) return tokens;
  let position = 0;
  const fail = (message: string): ConditionResult => ({ ok: false, error: message });
  const operand = (): Operand | string => {
    const first = tokens[position];
    if (!first || (first.kind !== 'number' && first.kind !== 'name')) {
      return first ? `expected a number or a metric at column ${first.at + 1}` : 'the condition ends early';
    }
    position += 1;
    const result: Operand = { factor: 1 };
    const apply = (token: Token): string | undefined => {
      if (token.kind === 'number') {
        result.factor *= token.value;
        return undefined;
      }
      if (token.kind !== 'name') return `expected a number or a metric at column ${token.at + 1}`;
      if (!isAlertMetric(token.value)) return unknownMetric(token.value);
      if (result.metric) return `multiply a metric by a number, not by another metric (${token.value})`;
      result.metric = token.value;
      return undefined;
    };
    const problem = apply(first);
    if (problem) return problem;
    if (tokens[position]?.kind === 'times') {
      position += 1;
      const second = tokens[position];
      if (!second) return 'the condition ends after "*"';
      position += 1;
      const secondProblem = apply(second);
      if (secondProblem) return secondProblem;
    }
    return result;
  };
  const left = operand();
  if (typeof left === 'string') return fail(left);
  const comparator = tokens[position];
  if (comparator?.kind !== 'comparator') {
    return fail(
      comparator
        ? `expected a comparison (${COMPARATORS.join(' ')}) at column ${comparator.at + 1}`
        : `expected a comparison (${COMPARATORS.join(' ')}) after the first operand`,
    );
  }
  position += 1;
  const right = operand();
  if (typeof right === 'string') return fail(right);
  const extra = tokens[position];
  if (extra) return fail(`unexpected text at column ${extra.at + 1}; one comparison per condition`);
  if (!left.metric && !right.metric) return fail('the condition names no metric');
  return { ok: true, value: { text, left, comparator: comparator.value, right } };
}

function tokenize(text: string): Token[] | { ok: false; error: string } {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const rest = text.slice(at);
    const space = /^\s+/.exec(rest);
    if (space) {
      at += space[0].length;
      continue;
    }
    const number = NUMBER.exec(rest);
    if (number) {
      tokens.push({ kind: 'number', value: Number(number[0]), at });
      at += number[0].length;
      continue;
    }
    const name = NAME.exec(rest);
    if (name) {
      tokens.push({ kind: 'name', value: name[0], at });
      at += name[0].length;
      continue;
    }
    const comparator = COMPARATOR.exec(rest);
    if (comparator) {
      tokens.push({ kind: 'comparator', value: comparator[0] as Comparator, at });
      at += comparator[0].length;
      continue;
    }
    if (rest[0] === '*') {
      tokens.push({ kind: 'times', at });
      at += 1;
      continue;
    }
    return { ok: false, error: `unexpected "${rest[0]}" at column ${at + 1}` };
  }
  return tokens;
}

function unknownMetric(name: string): string {
  const suggestion = suggestName(name, ALERT_METRIC_NAMES);
  return `unknown metric "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ''} (metrics: ${ALERT_METRIC_NAMES.join(', ')})`;
}

/** Both sides' values and whether the condition holds; undefined when a figure it names is missing. */
export interface ConditionOutcome {
  holds: boolean;
  /** The left side's value (the observed figure in `metric > threshold`). */
  value: number;
  /** The right side's value. */
  threshold: number;
}

export function evaluateCondition(
  condition: AlertCondition,
  figures: AlertFigures,
): ConditionOutcome | undefined {
  const value = operandValue(condition.left, figures);
  const threshold = operandValue(condition.right, figures);
  if (value === undefined || threshold === undefined) return undefined;
  return { holds: compare(value, condition.comparator, threshold), value, threshold };
}

function operandValue(operand: Operand, figures: AlertFigures): number | undefined {
  if (!operand.metric) return operand.factor;
  const figure = figures[operand.metric];
  return figure === undefined ? undefined : operand.factor * figure;
}

function compare(left: number, comparator: Comparator, right: number): boolean {
  switch (comparator) {
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '==':
      return left === right;
    case '!=':
      return left !== right;
  }
}
