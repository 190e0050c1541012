import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { ApiError, api, onSignedOut, query } from './api/client.ts';
import type { Action, Permissions, Session } from './api/types.ts';

interface SessionState {
  /** undefined while the first `GET /api/session` is in flight; null when nobody is signed in. */
  session: Session | null | undefined;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

/** Who is signed in, from `GET /api/session`; any 401 later signs the app out. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  useEffect(() => {
    api<Session>('/api/session').then(setSession, () => setSession(null));
    return onSignedOut(() => setSession(null));
  }, []);
  const signIn = useCallback(async (username: string, password: string) => {
    const signedIn = await api<Session>('/api/session', { body: { username, password } });
    setSession({ actor: signedIn.actor, grants: signedIn.grants });
  }, []);
  const signOut = useCallback(async () => {
    await api('/api/session', { method: 'DELETE' }).catch(() => undefined);
    setSession(null);
  }, []);
  return <SessionContext value={{ session, signIn, signOut }}>{children}</SessionContext>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession needs a SessionProvider');
  return state;
}

/**
 * What the signed-in user may do on `name` ('' for the whole catalog), as the server decides it
 * (`GET /api/permissions`): pages show or disable each control by it, and the server checks again.
 */
export function usePermissions(name: string): { can(action: Action): boolean; loaded: boolean } {
  const [allowed, setAllowed] = useState<Set<Action> | undefined>(undefined);
  useEffect(() => {
    let current = true;
    api<Permissions>(`/api/permissions${query({ name })}`).then(
      (answer) => current && setAllowed(new Set(answer.allowed)),
      (error: unknown) => current && error instanceof ApiError && setAllowed(new Set()),
    );
    return () => {
      current = false;
    };
  }, [name]);
  return { can: (action) => allowed?.has(action) ?? false, loaded: allowed !== undefined };
}
