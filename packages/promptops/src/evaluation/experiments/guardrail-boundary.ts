import { twoSidedNormalP } from '../metrics/normal-distribution.ts';

/**
 * The nominal two-sided level a guardrail's p-value must fall below at one look for a breach, so
 * that testing it at every evaluation pass (every 60 s, however many looks) keeps the chance of a
 * false "guardrail breached" at most `guardrailAlpha` over the whole experiment and all its
 * guardrails (docs/experiments.md, "Guardrails").
 *
 * - Bonferroni over guardrails: each of `guardrails` gets α = guardrailAlpha / guardrails.
 * - An O'Brien–Fleming-type alpha-spending boundary over looks (Lan & DeMets 1983), at information
 *   fraction t = n / minPerArm, n the guardrail metric's smaller arm. Under no difference Z·√t is
 *   (approximately) a Brownian motion in t; the boundary Z ≥ z_{1−a/2}·√(T/t) is a constant line
 *   z_{1−a/2}·√T in that scale, which a one-sided walk (a breach needs the treatment worse) crosses
 *   before T with probability a however often it is looked at (reflection principle), and less
 *   with discrete looks. The nominal level is then 2 − 2Φ(z_{1−a/2}·√(T/t)).
 * - The span up to the horizon (t ≤ 1, T = 1) spends a = α/2. A guardrail may gather more samples
 *   than the goal's horizon (the goal counts feedback, the guardrail every run), so each doubling
 *   after it, t in (2^(k−1), 2^k] with T = 2^k, spends a = α/2^(k+1): the spans sum to α.
 *
 * Early looks are very strict (at t = 0.01 and α 0.01 it asks for z ≈ 28) and the look at the horizon
 * is near the plain level, so a large harm still ends an experiment early and a small one by the horizon.
 *
 * @example guardrailLevel({ guardrailAlpha: 0.01, guardrails: 1, minPerArm: 1000, n: 1000 }) // 0.005
 */
export function guardrailLevel(input: {
  guardrailAlpha: number;
  guardrails: number;
  minPerArm: number;
  /** The guardrail metric's samples in its smaller arm. */
  n: number;
}): number {
  const { guardrailAlpha, minPerArm, n } = input;
  if (n <= 0 || minPerArm <= 0) return 0;
  const alpha = guardrailAlpha / Math.max(1, input.guardrails);
  const fraction = n / minPerArm;
  const span = Math.max(0, Math.ceil(Math.log2(fraction)));
  const spent = alpha / 2 ** (span + 1);
  const boundary = twoSidedCriticalZ(spent) * Math.sqrt(2 ** span / fraction);
  return twoSidedNormalP(boundary);
}

/** z with 2 − 2Φ(z) = p, by bisection on the tail itself (accurate for the tiny p of late spans). */
function twoSidedCriticalZ(p: number): number {
  let low = 0;
  let high = 40;
  for (let step = 0; step < 200 && high - low > 1e-12; step += 1) {
    const middle = (low + high) / 2;
    if (twoSidedNormalP(middle) > p) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}
