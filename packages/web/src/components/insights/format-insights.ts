/** `2026-12-04T14:00:00Z` as `4 Dec 14:00` (hours) or `4 Dec` (days), in the reader's time zone. */
export function bucketLabel(bucket: string, size: 'hour' | 'day'): string {
  if (!bucket) return '';
  const date = new Date(bucket);
  return size === 'hour'
    ? date.toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })
    : date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}

/** 0.0512 → `5.1%`. */
export const percent = (share: number, digits = 1): string => `${(share * 100).toFixed(digits)}%`;

/** US dollars with as many decimals as small amounts need: `$12.40`, `$0.0031`. */
export function dollars(amount: number): string {
  if (amount === 0) return '$0';
  if (Math.abs(amount) >= 1) return `$${amount.toFixed(2)}`;
  return `$${amount.toPrecision(2)}`;
}

export const milliseconds = (value: number): string =>
  value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;

/** `v3 stable`, `v4 canary`, `v2 pinned`. */
export const armLabel = (version: number | null, arm: string | null): string =>
  `v${version ?? '?'}${arm ? ` ${arm}` : ''}`;
