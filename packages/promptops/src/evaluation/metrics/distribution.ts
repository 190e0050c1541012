/**
 * Summary statistics over plain number lists, shared by suite metrics and comparisons.
 */

/** Arithmetic mean; `undefined` for an empty list (a mean of nothing is not 0). */
export function mean(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  let total = 0;
  for (const value of values) total += value;
  return total / values.length;
}

/**
 * The `p`-th quantile (0..1) of an ascending list by linear interpolation between closest ranks —
 * Hyndman & Fan's type 7, the default of R's `quantile` and NumPy's `percentile` — so a p90 over
 * few repeats moves smoothly instead of jumping between samples.
 *
 * @example percentile([10, 20, 30, 40], 0.5) // 25
 */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, p));
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower]!;
  return low + (sorted[upper]! - low) * (position - lower);
}

/** A copy sorted ascending (numbers, not the default string order). */
export const sortAscending = (values: readonly number[]): number[] => [...values].sort((x, y) => x - y);
