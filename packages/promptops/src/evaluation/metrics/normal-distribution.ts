/** Chebyshev coefficients of `erfcc`, lowest power of t first. */
const ERFC_COEFFICIENTS = [
  -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587,
  -0.82215223, 0.17087277,
];

/**
 * Complementary error function, fractional error below 1.2e-7 everywhere: the Chebyshev fit
 * `erfcc` of Press et al., Numerical Recipes in C, 2nd ed. (1992), section 6.2. Ample for p-values
 * reported to two significant figures.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  let polynomial = 0;
  for (let index = ERFC_COEFFICIENTS.length - 1; index >= 0; index -= 1) {
    polynomial = ERFC_COEFFICIENTS[index]! + t * polynomial;
  }
  const tail = t * Math.exp(-z * z + polynomial);
  return x >= 0 ? tail : 2 - tail;
}

/** P(Z ≤ z) for a standard normal Z. */
export const normalCdf = (z: number): number => 0.5 * erfc(-z / Math.SQRT2);

/** Two-sided p-value of a standard normal statistic: P(|Z| ≥ |z|). */
export const twoSidedNormalP = (z: number): number => Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
