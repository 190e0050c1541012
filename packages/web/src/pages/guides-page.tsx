import { useCallback, useEffect, useMemo, useRef } from 'react';
import { NavLink, useLocation, useNavigate, useParams } from 'react-router';
import { GUIDE_FILES, guideFile } from '../guides/guide-files.ts';
import { renderGuide } from '../guides/guide-markdown.ts';

/**
 * The guides for domain users (docs/guides/, issue 10 item 8) inside the UI: `/guides` is the index
 * (the folder's README), `/guides/<file>#<section>` a guide scrolled to a section, which is where
 * every `GuideLink` points. The markdown is bundled at build time, so the guides here are the ones
 * in the repository this UI was built from.
 */
export function GuidesPage() {
  const file = useParams()['*'] ?? '';
  const guide = guideFile(file);
  const html = useMemo(() => (guide ? renderGuide(guide.markdown) : ''), [guide]);
  const { hash } = useLocation();
  const navigate = useNavigate();
  const article = useRef<HTMLElement | null>(null);

  // Links between guides go through the router, not a page load (the HTML is not React's).
  const followGuideLinks = useCallback(
    (element: HTMLElement | null) => {
      article.current = element;
      if (!element) return;
      const follow = (event: MouseEvent) => {
        const anchor = (event.target as Element).closest?.('a[data-guide]');
        if (!anchor || event.defaultPrevented || event.button !== 0) return;
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(anchor.getAttribute('href') ?? '/guides');
      };
      element.addEventListener('click', follow);
      return () => element.removeEventListener('click', follow);
    },
    [navigate],
  );

  // The section named in the address, in view and marked; the top of the page without one.
  useEffect(() => {
    if (!guide) return;
    const id = decodeURIComponent(hash.replace(/^#/, ''));
    const target = id ? document.getElementById(id) : null;
    for (const marked of article.current?.querySelectorAll('.guide-target') ?? []) {
      marked.classList.remove('guide-target');
    }
    if (target) {
      target.classList.add('guide-target');
      target.scrollIntoView({ block: 'start' });
    } else {
      window.scrollTo(0, 0);
    }
  }, [hash, guide]);

  return (
    <div className="guides">
      <nav className="guides-nav card" aria-label="Guides">
        {GUIDE_FILES.map((each) => (
          <NavLink key={each.file} to={each.file === 'README' ? '/guides' : `/guides/${each.file}`} end>
            {each.file === 'README' ? 'All guides' : each.title}
          </NavLink>
        ))}
      </nav>
      {guide ? (
        <article
          ref={followGuideLinks}
          className="guide card"
          data-testid="guide"
          // biome-ignore lint/security/noDangerouslySetInnerHtml: the guides are this repository's own markdown, bundled at build time.
          dangerouslySetInnerHTML={{ __html: html }}
        />
      ) : (
        <p className="empty">
          No guide called {file}. <NavLink to="/guides">All guides</NavLink>
        </p>
      )}
    </div>
  );
}
