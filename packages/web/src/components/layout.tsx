import { NavLink, Outlet } from 'react-router';
import { useSession } from '../session.tsx';

/** The pages of the app's top bar. */
export const NAVIGATION: { to: string; label: string }[] = [
  { to: '/', label: 'Catalog' },
  { to: '/changes', label: 'Reviews' },
  { to: '/evaluations', label: 'Evaluations' },
  { to: '/monitoring', label: 'Monitoring' },
  { to: '/audit', label: 'Audit' },
  { to: '/guides', label: 'Guides' },
];

/** The frame around every signed-in page: the top bar (pages, who is signed in) and the page itself. */
export function Layout() {
  const { session, signOut } = useSession();
  const roles = session?.grants.map((grant) =>
    grant.prefix ? `${grant.role} on ${grant.prefix}` : grant.role,
  );
  return (
    <>
      <header className="topbar">
        <NavLink to="/" className="brand">
          promptops
        </NavLink>
        <nav aria-label="Pages">
          {NAVIGATION.map((item) => (
            <NavLink key={item.to} to={item.to} end={item.to === '/'}>
              {item.label}
            </NavLink>
          ))}
        </nav>
        <div className="whoami">
          <span title={roles?.join(', ')} data-testid="whoami">
            {session?.actor.replace(/^user:/, '')}{' '}
            <span className="muted">· {roles?.join(', ') || 'no roles'}</span>
          </span>
          <button type="button" className="link" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main>
        <Outlet />
      </main>
    </>
  );
}
