import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GUIDE_LINKS, guideUrl, LINT_RULE_GUIDES, lintRuleGuide } from './guide-links.ts';
import { LINT_RULES } from './lint-rules.ts';

const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

async function anchorsOf(path: string): Promise<Set<string>> {
  const text = await readFile(`${ROOT}${path}`, 'utf8');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((match) => slug(match[1] as string)));
}

/** The UI's links into the guides (issue 10, item 8) point at headings that exist. */
describe('guide links', () => {
  it('every UI step and lint rule points at a heading of its guide', async () => {
    const links = [...Object.values(GUIDE_LINKS), ...Object.values(LINT_RULE_GUIDES)];
    for (const link of links) {
      expect(await anchorsOf(link.path), `${link.path}#${link.anchor}`).toContain(link.anchor);
    }
  });

  it('every lint rule has a guide section', () => {
    expect(Object.keys(LINT_RULE_GUIDES).sort()).toEqual(Object.keys(LINT_RULES).sort());
  });

  it('makes URLs under a base', () => {
    expect(guideUrl('approve', 'https://example.com/repo/')).toBe(
      'https://example.com/repo/docs/guides/review-and-rollout.md#3-approve-four-eyes-by-risk',
    );
    expect(lintRuleGuide('missing-negative-space')).toBe(
      'docs/guides/writing-production-prompts.md#negative-space',
    );
  });

  it('the slug reads headings as GitHub does', () => {
    expect(slug('What "no significant difference" means')).toBe('what-no-significant-difference-means');
    expect(slug('3. Approve (four eyes by risk)')).toBe('3-approve-four-eyes-by-risk');
  });
});
