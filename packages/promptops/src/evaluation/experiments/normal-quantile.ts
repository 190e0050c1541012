import { normalCdf } from '../metrics/normal-distribution.ts';

/**
 * The `p` quantile of the standard normal (0 < p < 1), by bisection on `normalCdf`: 1.959964 for
 * 0.975. Exact to the CDF's own accuracy (~1e-7), which is what a confidence bound needs.
 */
export function normalQuantile(p: number): number {
  let low = -40;
  let high = 40;
  for (let step = 0; step < 200 && high - low > 1e-12; step += 1) {
    const middle = (low + high) / 2;
    if (normalCdf(middle) < p) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}
