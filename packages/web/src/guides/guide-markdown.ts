import { Marked } from 'marked';
import { guideFile, guidePath } from './guide-files.ts';

/**
 * GitHub's heading anchors (lower case, punctuation dropped, spaces as hyphens), the ids that
 * docs/guides/guide-links.json and the guides' own links use. The same function as
 * guide-links.test.ts checks the map with.
 *
 * @example
 * githubSlug('3. Approve (four eyes by risk)'); // '3-approve-four-eyes-by-risk'
 */
export function githubSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};
const unescapeHtml = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);

/**
 * Where a link in a guide goes in the UI: another guide (`improving-a-prompt.md#3-lint`) or a
 * section of this one (`#x`) becomes an SPA path, a web address stays as it is, and anything else
 * (`../cli.md`, the engineering docs the UI does not carry) is undefined: shown as text.
 */
export function guideLinkTarget(href: string): string | undefined {
  if (/^https?:\/\//.test(href)) return href;
  if (href.startsWith('#')) return href;
  const match = /^(?:\.\/)?([\w-]+\.md)(#[\w-]+)?$/.exec(href);
  if (!match || !guideFile(match[1] as string)) return undefined;
  return guidePath(match[1] as string, match[2]?.slice(1));
}

/**
 * A guide's markdown as HTML for the guides page: headings carry GitHub-style ids (repeats get
 * `-1`, `-2` as on GitHub) so `#anchor` links land, links between guides become SPA paths
 * (`data-guide` marks them for the page's router), outside links open in a new tab, and links to
 * other docs are plain text. The guides are this repository's own files, bundled at build time,
 * so their HTML is trusted as written.
 */
export function renderGuide(markdown: string): string {
  const seen = new Map<string, number>();
  const marked = new Marked({
    gfm: true,
    renderer: {
      heading({ tokens, depth }) {
        const base = githubSlug(unescapeHtml(this.parser.parseInline(tokens, this.parser.textRenderer)));
        const count = seen.get(base) ?? 0;
        seen.set(base, count + 1);
        const id = count === 0 ? base : `${base}-${count}`;
        return `<h${depth} id="${escapeHtml(id)}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
      },
      link({ href, title, tokens }) {
        const inner = this.parser.parseInline(tokens);
        const target = guideLinkTarget(href);
        const titled = title ? ` title="${escapeHtml(title)}"` : '';
        if (target === undefined) {
          return `<span class="doc-ref" title="${escapeHtml(href)} in the repository's docs">${inner}</span>`;
        }
        if (/^https?:/.test(target)) {
          return `<a href="${escapeHtml(target)}"${titled} target="_blank" rel="noopener noreferrer">${inner}</a>`;
        }
        return `<a href="${escapeHtml(target)}"${titled} data-guide>${inner}</a>`;
      },
    },
  });
  return marked.parse(markdown, { async: false });
}
