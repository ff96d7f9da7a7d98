import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { isExpired, readStoredToken, storeToken, tokenExpiry } from './token';

export type SignOutReason = 'signed-out' | 'expired';

interface SessionValue {
  token: string | null;
  /** Why the last session ended, for the login page to say so. */
  endedBecause: SignOutReason | null;
  signIn(token: string): void;
  signOut(reason?: SignOutReason): void;
}

const SessionContext = createContext<SessionValue | null>(null);

/**
 * The signed-in session: the access token, kept in localStorage so a reload keeps the user signed in,
 * and ended when the token expires (a timer at its `exp`, and any UNAUTHENTICATED answer).
 */
export function SessionProvider({ children, storage }: { children: ReactNode; storage?: Storage }) {
  const [token, setToken] = useState<string | null>(() => readStoredToken(storage));
  const [endedBecause, setEndedBecause] = useState<SignOutReason | null>(null);

  const signIn = useCallback(
    (next: string) => {
      storeToken(next, storage);
      setEndedBecause(null);
      setToken(next);
    },
    [storage],
  );
  const signOut = useCallback(
    (reason: SignOutReason = 'signed-out') => {
      storeToken(null, storage);
      setEndedBecause(reason);
      setToken(null);
    },
    [storage],
  );

  useEffect(() => {
    if (!token) return;
    if (isExpired(token)) {
      signOut('expired');
      return;
    }
    const exp = tokenExpiry(token)!;
    // setTimeout takes at most 2^31-1 ms; long tokens are re-checked when that fires.
    const timer = setTimeout(
      () => (isExpired(token) ? signOut('expired') : setToken(token)),
      Math.min(exp * 1000 - Date.now(), 2 ** 31 - 1),
    );
    return () => clearTimeout(timer);
  }, [token, signOut]);

  // Another tab signing out (or in) applies here too.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === 'tessera.session') setToken(readStoredToken(storage));
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [storage]);

  const value = useMemo(() => ({ token, endedBecause, signIn, signOut }), [token, endedBecause, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
