/**
 * The guides for domain users (docs/guides/*.md, issue 10 item 8), bundled into the web UI at build
 * time as text: the guides page renders them, so they read the same here as in the repository and
 * need no docs site. `README.md` is the index, at `/guides`; each other guide is `/guides/<file>`
 * without `.md`.
 */
const SOURCES = import.meta.glob('../../../../docs/guides/*.md', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

export interface GuideFile {
  /** The file name without `.md`: `improving-a-prompt`; `README` for the index. */
  file: string;
  /** The first `# ` heading. */
  title: string;
  markdown: string;
}

/** Every guide, the index first, then by title. */
export const GUIDE_FILES: GuideFile[] = Object.entries(SOURCES)
  .map(([path, markdown]) => ({
    file: path.replace(/^.*\//, '').replace(/\.md$/, ''),
    title: /^# (.+)$/m.exec(markdown)?.[1] ?? path,
    markdown,
  }))
  .sort((left, right) =>
    left.file === 'README' ? -1 : right.file === 'README' ? 1 : left.title.localeCompare(right.title),
  );

/** A guide by its file name (with or without `.md`); the index for `''`; undefined when there is none. */
export function guideFile(file: string): GuideFile | undefined {
  const wanted = file.replace(/\.md$/, '') || 'README';
  return GUIDE_FILES.find((guide) => guide.file === wanted);
}

/** The SPA path of a guide section: `docs/guides/review-and-rollout.md`, `2-review` → `/guides/review-and-rollout#2-review`. */
export function guidePath(path: string, anchor?: string): string {
  const file = path.replace(/^.*\//, '').replace(/\.md$/, '');
  const page = file === 'README' ? '/guides' : `/guides/${file}`;
  return anchor ? `${page}#${anchor}` : page;
}
