/**
 * The sentences that state a comparison's result. Rendering lives here, apart from the numbers, so
 * the JSON, table and HTML reports say the same thing.
 */

/** `p = 0.021`, `p = 0.48`, `p < 0.001`: two significant figures, which is all a p-value carries. */
export function formatPValue(pValue: number): string {
  if (pValue < 0.001) return 'p < 0.001';
  return `p = ${Number(pValue.toPrecision(2))}`;
}

/** `+12.5` / `-3.0`: a share difference in percentage points, always signed. */
export const formatPoints = (difference: number): string =>
  `${difference >= 0 ? '+' : '-'}${Math.abs(difference * 100).toFixed(1)}`;

/** Signed rendering of a difference in some unit: `+0.083`, `-120 ms`. */
export const signed = (difference: number, format: (value: number) => string): string =>
  `${difference >= 0 ? '+' : '-'}${format(Math.abs(difference))}`;

/** `p = 0.021, significant at 0.05`. */
export function significanceClause(pValue: number, alpha: number): string {
  return `${formatPValue(pValue)}, significant at ${alpha}`;
}

/**
 * @example
 * proportionVerdict({ difference: 0.125, pValue: 0.021, alpha: 0.05, more: 'B passes more cases', fewer: 'B passes fewer cases' })
 * // 'B passes more cases (+12.5 points); p = 0.021, significant at 0.05'
 */
export function proportionVerdict(input: {
  difference: number;
  pValue: number;
  alpha: number;
  more: string;
  fewer: string;
}): string {
  if (!(input.pValue < input.alpha)) return `no significant difference (${formatPValue(input.pValue)})`;
  const phrase = input.difference >= 0 ? input.more : input.fewer;
  return `${phrase} (${formatPoints(input.difference)} points); ${significanceClause(input.pValue, input.alpha)}`;
}
