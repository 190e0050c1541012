import type { CaseOutput, CaseResult } from '../eval-types.ts';
import { mean } from './distribution.ts';
import { guardTriggered, isFormatCompliant, leakedPii, wasEscalated } from './repeat-signals.ts';

export type CaseMetricName =
  | 'score'
  | 'latency_ms'
  | 'cost_usd'
  | 'format_compliance'
  | 'guard_trigger_rate'
  | 'pii_leak_rate'
  | 'escalation_rate';

export interface CaseMetric {
  /** Words for a sentence: "B is better on {label}". */
  label: string;
  /** Which direction is an improvement. */
  better: 'higher' | 'lower';
  /** The case's value (a mean over its repeats); null when it cannot be known, e.g. a price is missing. */
  measure(result: CaseResult): number | null;
  /** A difference or value in the metric's unit, for verdicts and reports. */
  format(value: number): string;
}

/**
 * The per-case numbers a comparison pairs, keyed by name. Each is a mean over the case's repeats so
 * runs with different repeat counts stay comparable; the rates are the case's share of repeats.
 */
export const CASE_METRICS: Record<CaseMetricName, CaseMetric> = {
  score: {
    label: 'score',
    better: 'higher',
    measure: (result) => mean(result.repeats.map((repeat) => repeat.score)) ?? null,
    format: (value) => value.toFixed(3),
  },
  latency_ms: {
    label: 'latency',
    better: 'lower',
    measure: (result) => mean(outputsOf(result).map((output) => output.latencyMs)) ?? null,
    format: (value) => `${Math.round(value)} ms`,
  },
  cost_usd: {
    label: 'cost',
    better: 'lower',
    measure: (result) => {
      const costs = outputsOf(result).map((output) => output.costUsd);
      // One unknown price makes the case's cost unknown: a partial sum would understate it.
      if (costs.some((cost) => cost === null)) return null;
      return mean(costs as number[]) ?? null;
    },
    format: (value) => `$${value.toFixed(6)}`,
  },
  format_compliance: rate('format compliance', 'higher', isFormatCompliant),
  guard_trigger_rate: rate('guard-trigger rate', 'lower', guardTriggered),
  pii_leak_rate: rate('PII-leak rate', 'lower', leakedPii),
  escalation_rate: rate('escalation rate', 'lower', wasEscalated),
};

const outputsOf = (result: CaseResult): CaseOutput[] => result.repeats.map((repeat) => repeat.output);

function rate(
  label: string,
  better: 'higher' | 'lower',
  signal: (output: CaseOutput) => boolean,
): CaseMetric {
  return {
    label,
    better,
    measure: (result) => {
      const outputs = outputsOf(result);
      return outputs.length === 0 ? null : outputs.filter(signal).length / outputs.length;
    },
    format: (value) => `${(value * 100).toFixed(1)} points`,
  };
}
