import type { AlertRule } from '../../governance/policies/policies-schema.ts';
import type { Arm } from '../../runtime/resolve/prompt-resolver.ts';
import type { RunResult } from '../../runtime/run-result.ts';
import { type AlertCondition, evaluateCondition, parseAlertCondition } from './alert-condition.ts';
import {
  type AlertState,
  durationMs,
  initialRuleState,
  type RuleState,
  stepRuleState,
} from './alert-state.ts';
import { type RunObservation, SeriesWindow, type WindowShape } from './series-window.ts';

/** What an alert is about: one prompt's version, served in one environment on one arm. */
export interface SeriesKey {
  prompt: string;
  environment: string | null;
  version: number;
  arm: Arm;
}

export interface CompiledRule {
  rule: AlertRule;
  condition: AlertCondition;
  forMs: number;
}

/** One rule's state for one series, as the API and notifications show it. */
export interface AlertStatus extends SeriesKey {
  rule: string;
  severity: AlertRule['severity'];
  condition: string;
  state: AlertState;
  pendingSince: string | null;
  firedAt: string | null;
  resolvedAt: string | null;
  value: number | null;
  threshold: number | null;
  runs: number;
}

/** A move between states, reported once, when the evaluation that saw it runs. */
export interface AlertTransition {
  from: AlertState;
  status: AlertStatus;
  rule: CompiledRule;
}

export interface AlertEvaluatorOptions {
  rules: readonly AlertRule[];
  /** Milliseconds since the epoch; Date.now by default (tests pass a fake clock). */
  now?: () => number;
  window?: Partial<WindowShape>;
  /** Series kept at most; runs of further series are not counted (the catalog bounds them anyway). */
  maxSeries?: number;
}

interface Series {
  key: SeriesKey;
  window: SeriesWindow;
  rules: Map<string, RuleState>;
}

const DAY = 86_400_000;

/**
 * Rolling-window alert evaluation (issue 7, item 6). `observe` is the runtime's observer: it is on
 * every run's path, so it only finds the run's series and adds to one bucket. `evaluate` runs off
 * that path (a timer): it computes each series' figures, steps every rule's state and returns the
 * moves, which the monitor notifies and acts on.
 *
 * @example
 * const evaluator = createAlertEvaluator({ rules: policies.alerts });
 * createRuntime({ ..., observers: [evaluator.observe] });
 * setInterval(() => notify(evaluator.evaluate()), 15_000);
 */
export function createAlertEvaluator(options: AlertEvaluatorOptions) {
  const now = options.now ?? Date.now;
  const shape: WindowShape = {
    windowMs: options.window?.windowMs ?? 5 * 60_000,
    bucketMs: options.window?.bucketMs ?? 10_000,
  };
  const maxSeries = options.maxSeries ?? 10_000;
  const rules = options.rules.map(compileRule);
  const series = new Map<string, Series>();
  let dropped = 0;

  const observe = (result: RunResult): void => {
    if (rules.length === 0 || result.version === null || result.arm === null) return;
    const id = `${result.prompt}\u0000${result.environment ?? ''}\u0000${result.version}\u0000${result.arm}`;
    let entry = series.get(id);
    const at = now();
    if (!entry) {
      if (series.size >= maxSeries) {
        dropped += 1;
        return;
      }
      entry = {
        key: {
          prompt: result.prompt,
          environment: result.environment,
          version: result.version,
          arm: result.arm,
        },
        window: new SeriesWindow(shape, at),
        rules: new Map(),
      };
      series.set(id, entry);
    }
    entry.window.observe(at, toObservation(result));
  };

  const evaluate = (): AlertTransition[] => {
    const at = now();
    const transitions: AlertTransition[] = [];
    for (const [id, entry] of series) {
      let active = false;
      // Rules usually share min_requests: the window is summed once per distinct value.
      const summed = new Map<number, ReturnType<SeriesWindow['figures']>>();
      for (const compiled of rules) {
        const minimum = compiled.rule.min_requests;
        let sums = summed.get(minimum);
        if (!sums) {
          sums = entry.window.figures(at, minimum);
          summed.set(minimum, sums);
        }
        const { runs, figures } = sums;
        let state = entry.rules.get(compiled.rule.name);
        if (!state) {
          state = initialRuleState();
          entry.rules.set(compiled.rule.name, state);
        }
        const outcome = evaluateCondition(compiled.condition, figures);
        state.runs = runs;
        if (outcome) {
          state.value = outcome.value;
          state.threshold = outcome.threshold;
        } else {
          delete state.value;
          delete state.threshold;
        }
        const from = stepRuleState(state, outcome?.holds === true, at, compiled.forMs);
        if (from !== undefined) {
          transitions.push({ from, rule: compiled, status: toStatus(entry.key, compiled, state) });
        }
        if (state.state === 'pending' || state.state === 'firing') active = true;
      }
      // A series nobody has run for a day holds nothing a rule could still use.
      if (!active && at - entry.window.lastSeen > DAY + 3_600_000) series.delete(id);
    }
    return transitions;
  };

  const statuses = (): AlertStatus[] => {
    const list: AlertStatus[] = [];
    for (const entry of series.values()) {
      for (const compiled of rules) {
        const state = entry.rules.get(compiled.rule.name) ?? initialRuleState();
        list.push(toStatus(entry.key, compiled, state));
      }
    }
    return list;
  };

  return {
    rules: rules.map((compiled) => compiled.rule),
    observe,
    evaluate,
    statuses,
    /** Runs not counted because `maxSeries` series were already kept. */
    dropped: () => dropped,
  };
}

export type AlertEvaluator = ReturnType<typeof createAlertEvaluator>;

function compileRule(rule: AlertRule): CompiledRule {
  const parsed = parseAlertCondition(rule.condition);
  // policies.yaml is checked when read; a rule that still fails here is a bug, not bad input.
  if (!parsed.ok) throw new Error(`alert ${rule.name}: ${parsed.error}`);
  return { rule, condition: parsed.value, forMs: durationMs(rule.for) };
}

function toObservation(result: RunResult): RunObservation {
  let guardTriggered = false;
  for (const verdict of result.verdicts) if (verdict.action !== 'allow') guardTriggered = true;
  return {
    failed: result.status === 'failed',
    latencyMs: result.latencyMs,
    costUsd: result.cost?.currency === 'USD' ? result.cost.amount : null,
    guardTriggered,
    validationFailed: result.validationRetries.length > 0 || result.error?.code === 'output_invalid',
    escalated: result.status === 'escalated',
  };
}

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

function toStatus(key: SeriesKey, compiled: CompiledRule, state: RuleState): AlertStatus {
  return {
    rule: compiled.rule.name,
    severity: compiled.rule.severity,
    condition: compiled.rule.condition,
    ...key,
    state: state.state,
    pendingSince: iso(state.pendingSince),
    firedAt: iso(state.firedAt),
    resolvedAt: iso(state.resolvedAt),
    value: state.value ?? null,
    threshold: state.threshold ?? null,
    runs: state.runs,
  };
}
