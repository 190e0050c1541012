// The contract every injection signal returns; kept small so signals stay pure functions.

export const INJECTION_SIGNAL_NAMES = [
  'instruction-override',
  'role-takeover',
  'prompt-extraction',
  'delimiter-injection',
  'encoded-payload',
  'attack-similarity',
  'multilingual-override',
  'indirect-injection',
  'refusal-suppression',
  'data-exfiltration',
  'social-engineering',
] as const;

export type InjectionSignalName = (typeof INJECTION_SIGNAL_NAMES)[number];

/** A stretch of the normalised text that made a signal fire, with why. */
export type SignalSpan = { start: number; end: number; reason: string };

export type InjectionSignal = {
  signal: InjectionSignalName;
  /** 0 (nothing seen) to 1 (certain). */
  score: number;
  spans: SignalSpan[];
};

/** Noisy-OR of independent pieces of evidence: 1 - Π(1 - p). */
export function noisyOr(scores: readonly number[]): number {
  let miss = 1;
  for (const score of scores) miss *= 1 - Math.min(1, Math.max(0, score));
  return 1 - miss;
}

export function signalFrom(
  signal: InjectionSignalName,
  hits: readonly { span: SignalSpan; score: number }[],
): InjectionSignal {
  return { signal, score: noisyOr(hits.map((hit) => hit.score)), spans: hits.map((hit) => hit.span) };
}
