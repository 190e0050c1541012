/** Failure reasons quote at most this much of an output, so a report never dumps whole outputs. */
const QUOTE_CHARS = 60;
/** A whole reason stays around this length. */
export const MAX_REASON_CHARS = 160;

/**
 * A short quotation of some text, whitespace collapsed, with its length when cut.
 * @example quote('Hello   there') // '"Hello there"'
 */
export function quote(text: string, max = QUOTE_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return JSON.stringify(flat);
  return `${JSON.stringify(`${flat.slice(0, max)}…`)} (${text.length} chars)`;
}

/** The text around a match, for "found" in a negated failure: `"…will refund your…"`. */
export function quoteAround(text: string, start: number, end: number, max = QUOTE_CHARS): string {
  const room = Math.max(0, Math.floor((max - (end - start)) / 2));
  const from = Math.max(0, start - room);
  const to = Math.min(text.length, end + room);
  const inner = text.slice(from, to).replace(/\s+/g, ' ');
  return JSON.stringify(`${from > 0 ? '…' : ''}${inner}${to < text.length ? '…' : ''}`);
}

/** A spec value as a reason shows it: JSON, cut short. */
export function describeValue(value: unknown, max = 40): string {
  const json = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return json.length <= max ? json : `${json.slice(0, max)}…`;
}

export function truncateReason(reason: string): string {
  return reason.length <= MAX_REASON_CHARS ? reason : `${reason.slice(0, MAX_REASON_CHARS - 1)}…`;
}
