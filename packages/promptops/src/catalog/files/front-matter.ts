/** A `.liquid` file cut into its optional YAML front matter and the template after it. */
export interface FrontMatterSplit {
  /** The YAML between the `---` lines; undefined when the file has no front matter. */
  frontMatter: string | undefined;
  /** The file line the front matter's first line is on (2, right after the opening `---`). */
  frontMatterLine: number;
  template: string;
  /** The file line the template starts on, so template errors can name file lines. */
  templateLine: number;
}

const OPENING = /^---[ \t]*\r?\n/;
const CLOSING = /^---[ \t]*(?:\r?\n|$)/m;

/**
 * Front matter opens with `---` on the very first line and closes at the next line that is `---`.
 * Returns undefined when it opens but never closes: that is an error, not a template starting with `---`.
 * @example splitFrontMatter('---\nowner: support\n---\nHello') // { frontMatter: 'owner: support\n', template: 'Hello', templateLine: 4, … }
 */
export function splitFrontMatter(text: string): FrontMatterSplit | undefined {
  const source = text.replace(/^\uFEFF/, '');
  const opening = OPENING.exec(source);
  if (!opening) return { frontMatter: undefined, frontMatterLine: 1, template: source, templateLine: 1 };
  const rest = source.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) return undefined;
  const frontMatter = rest.slice(0, closing.index);
  const frontMatterLines = frontMatter.split('\n').length - 1;
  return {
    frontMatter,
    frontMatterLine: 2,
    template: rest.slice(closing.index + closing[0].length),
    templateLine: 3 + frontMatterLines,
  };
}
