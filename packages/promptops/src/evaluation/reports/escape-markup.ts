/**
 * Characters XML 1.0 forbids outright (section 2.2: C0 controls other than tab, LF and CR; lone
 * surrogates; U+FFFE and U+FFFF) and DEL/C1 controls, which it discourages. A model's output can
 * contain any of them, and one is enough to make a JUnit file unparseable for a CI server.
 */
const FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text made safe for XML and HTML, in element content and in quoted attribute values alike:
 * forbidden characters dropped, the five markup characters escaped (so `]]>` and `</script>` are
 * inert). Tabs and newlines are kept; use `escapeAttribute` where they must survive in an attribute.
 *
 * @example escapeMarkup('</script><script>alert(1)</script>') // '&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;'
 */
export function escapeMarkup(text: string): string {
  return text.replace(FORBIDDEN, '').replace(/[&<>"']/g, (character) => ENTITIES[character]!);
}

/**
 * For attribute values: as `escapeMarkup`, and tab, newline and carriage return as character
 * references, since XML parsers turn literal ones in attributes into spaces (XML 1.0 section 3.3.3).
 */
export const escapeAttribute = (text: string): string =>
  escapeMarkup(text).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');

/** At most `limit` characters (code points, so no surrogate is split), with `…` when cut. */
export function truncate(text: string, limit: number): string {
  const characters = Array.from(text);
  return characters.length <= limit ? text : `${characters.slice(0, limit).join('')}…`;
}
