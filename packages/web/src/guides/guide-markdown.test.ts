import { describe, expect, it } from 'vitest';
import GUIDES from '../../../../docs/guides/guide-links.json' with { type: 'json' };
import { GUIDE_FILES, guideFile, guidePath } from './guide-files.ts';
import { githubSlug, guideLinkTarget, renderGuide } from './guide-markdown.ts';

const ids = (html: string) => new Set([...html.matchAll(/<h[1-6] id="([^"]+)"/g)].map((match) => match[1]));

/** The guides page (issue 10, item 8): every link the UI makes into the guides lands on a heading. */
describe('guides in the web UI', () => {
  it('bundles every guide, the index first', () => {
    expect(GUIDE_FILES[0]?.file).toBe('README');
    expect(GUIDE_FILES.map((guide) => guide.file)).toEqual(
      expect.arrayContaining(['improving-a-prompt', 'reading-eval-results', 'review-and-rollout']),
    );
    expect(guideFile('')?.title).toBe('Guides for the people who own prompts');
    expect(guideFile('improving-a-prompt.md')?.title).toBe('Improving a prompt');
    expect(guideFile('nothing')).toBeUndefined();
  });

  it("every step's and lint rule's section is a heading id of the rendered guide", () => {
    for (const link of [...Object.values(GUIDES.steps), ...Object.values(GUIDES.lintRules)]) {
      const file = link.path.replace(/^.*\//, '');
      const guide = guideFile(file);
      expect(guide, link.path).toBeDefined();
      expect(ids(renderGuide(guide!.markdown)), `${link.path}#${link.anchor}`).toContain(link.anchor);
    }
  });

  it('links between guides become SPA paths; other docs are text; web addresses open outside', () => {
    expect(guideLinkTarget('review-and-rollout.md#1-propose')).toBe('/guides/review-and-rollout#1-propose');
    expect(guideLinkTarget('reading-eval-results.md')).toBe('/guides/reading-eval-results');
    expect(guideLinkTarget('README.md')).toBe('/guides');
    expect(guideLinkTarget('#thresholds')).toBe('#thresholds');
    expect(guideLinkTarget('../cli.md')).toBeUndefined();
    expect(guideLinkTarget('../lint.md#rules')).toBeUndefined();
    expect(guideLinkTarget('missing.md')).toBeUndefined();
    const html = renderGuide(
      'See [Propose](review-and-rollout.md#1-propose), [the CLI](../cli.md) and [x](https://example.com).',
    );
    expect(html).toContain('<a href="/guides/review-and-rollout#1-propose" data-guide>Propose</a>');
    expect(html).toContain(`<span class="doc-ref" title="../cli.md in the repository's docs">the CLI</span>`);
    expect(html).toContain('target="_blank" rel="noopener noreferrer">x</a>');
  });

  it('gives headings GitHub ids, repeats numbered', () => {
    const html = renderGuide(
      '# A `code` heading\n\n## What "no significant difference" means\n\n## Notes\n\n## Notes\n',
    );
    expect([...ids(html)]).toEqual([
      'a-code-heading',
      'what-no-significant-difference-means',
      'notes',
      'notes-1',
    ]);
    expect(githubSlug('3. Approve (four eyes by risk)')).toBe('3-approve-four-eyes-by-risk');
    expect(guidePath('docs/guides/review-and-rollout.md', '2-review')).toBe(
      '/guides/review-and-rollout#2-review',
    );
  });
});
