/** `2026-12-04T14:41:35Z` as `4 Dec 2026, 14:41`, in the reader's locale and time zone. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** How long ago, roughly: `5 min ago`, `3 h ago`, `2 d ago`. */
export function timeAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const minutes = Math.round((now - new Date(iso).getTime()) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} d ago`;
}

/** `user:ann` → `ann`; other actors (`local:root`) as they are. */
export function actorName(actor: string | null | undefined): string {
  return actor ? actor.replace(/^user:/, '') : '—';
}

export function formatCost(cost: { amount: number; currency: string } | null | undefined): string {
  if (!cost) return 'unknown';
  return `${cost.currency === 'USD' ? '$' : `${cost.currency} `}${cost.amount.toFixed(6)}`;
}

/** The page of an artifact: `/prompts/…`, `/fragments/…`, `/example-banks/…`. */
export function artifactHref(kind: string, name: string): string {
  const folder = kind === 'prompt' ? 'prompts' : kind === 'fragment' ? 'fragments' : 'example-banks';
  return `/${folder}/${name}`;
}
