import { type FormEvent, useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { ErrorNote } from '../components/error-note.tsx';
import { useSession } from '../session.tsx';

/** Sign in with a promptops user's name and password (`POST /api/session`). */
export function LoginPage() {
  const { session, signIn } = useSession();
  const [parameters] = useSearchParams();
  const [error, setError] = useState<Error | undefined>();
  const [busy, setBusy] = useState(false);
  const next = parameters.get('next');
  if (session) return <Navigate to={next?.startsWith('/') ? next : '/'} replace />;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      await signIn(String(form.get('username')), String(form.get('password')));
    } catch (failure) {
      setError(failure as Error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <form onSubmit={submit} className="card">
        <h1>promptops</h1>
        <p className="muted">Sign in to author, review and deploy prompts.</p>
        <label>
          User name
          <input name="username" autoComplete="username" required />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <ErrorNote error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="muted small">
          No account? An admin creates one: <code>promptops users create NAME --role author:support/</code>
        </p>
      </form>
    </main>
  );
}
