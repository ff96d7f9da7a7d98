import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Client, fetchExchange } from 'urql';
import { RefreshSessionDocument } from '../generated/graphql';
import { AppConfigContext } from '../lib/config';
import { isExpired, readStoredRefreshToken, readStoredToken, storeRefreshToken, storeToken, tokenExpiry } from './token';

export type SignOutReason = 'signed-out' | 'expired';

interface SessionValue {
  token: string | null;
  /** A stored session whose access token expired is being renewed (after a reload): not signed out. */
  restoring: boolean;
  /** Why the last session ended, for the login page to say so. */
  endedBecause: SignOutReason | null;
  /** The access token now (it changes on every refresh; read it when sending, not when rendering). */
  currentToken(): string | null;
  signIn(token: string, refreshToken?: string | null): void;
  signOut(reason?: SignOutReason): void;
  /** The server refused the access token: renew the session if it can be, else sign out. */
  recover(): void;
}

const SessionContext = createContext<SessionValue | null>(null);

/** How long before its expiry an access token is renewed (at most a quarter of its life). */
const RENEW_AHEAD_MS = 60_000;
/** After a failed refresh (the network, not a refusal): the next try. */
const RETRY_MS = 5_000;

type Renewal = { kind: 'renewed'; token: string; refreshToken: string } | { kind: 'refused' } | { kind: 'unreachable' };

/**
 * The signed-in session: a short access token and its refresh token, kept in localStorage so a reload
 * keeps the user signed in. Before the access token expires the session exchanges the refresh token
 * for a new pair (refreshSession); a refused refresh (the session ended: logout elsewhere, password
 * changed, the token used twice) or an expired token without one signs out. Tabs share the session:
 * one tab refreshes at a time (Web Locks), and the others adopt what it stored.
 */
export function SessionProvider({ children, storage }: { children: ReactNode; storage?: Storage }) {
  // The API's URL (absent in component tests that render a page without the app's configuration).
  const graphqlUrl = useContext(AppConfigContext)?.graphqlUrl ?? null;
  const [token, setToken] = useState<string | null>(() => readStoredToken(storage) ?? (readStoredRefreshToken(storage) ? '' : null));
  const [endedBecause, setEndedBecause] = useState<SignOutReason | null>(null);
  const tokenRef = useRef<string | null>(token || null);
  tokenRef.current = token || null;

  const adopt = useCallback(
    (next: string, refreshToken: string | null) => {
      storeToken(next, storage);
      if (refreshToken !== null) storeRefreshToken(refreshToken, storage);
      tokenRef.current = next;
      setToken(next);
    },
    [storage],
  );
  const signIn = useCallback(
    (next: string, refreshToken: string | null = null) => {
      storeRefreshToken(refreshToken, storage);
      setEndedBecause(null);
      adopt(next, refreshToken);
    },
    [storage, adopt],
  );
  const signOut = useCallback(
    (reason: SignOutReason = 'signed-out') => {
      storeToken(null, storage);
      storeRefreshToken(null, storage);
      tokenRef.current = null;
      setEndedBecause(reason);
      setToken(null);
    },
    [storage],
  );

  const renew = useCallback(async (): Promise<Renewal> => {
    const refreshToken = readStoredRefreshToken(storage);
    if (!refreshToken) return { kind: 'refused' };
    if (!graphqlUrl) return { kind: 'unreachable' };
    const client = new Client({ url: graphqlUrl, exchanges: [fetchExchange], preferGetMethod: false });
    const result = await client.mutation(RefreshSessionDocument, { input: { refreshToken } }).toPromise();
    const payload = result.data?.refreshSession;
    if (payload?.token && payload.refreshToken) return { kind: 'renewed', token: payload.token, refreshToken: payload.refreshToken };
    return payload ? { kind: 'refused' } : { kind: 'unreachable' };
  }, [graphqlUrl, storage]);

  /** Renews the session once across tabs: under a lock, and only if no other tab renewed it meanwhile. */
  const refresh = useCallback(async (): Promise<void> => {
    const held = tokenRef.current;
    const run = async () => {
      const stored = readStoredToken(storage);
      if (stored && stored !== held && !expiresSoon(stored)) {
        adopt(stored, null);
        return;
      }
      const renewal = await renew();
      if (renewal.kind === 'renewed') adopt(renewal.token, renewal.refreshToken);
      else if (renewal.kind === 'refused') signOut('expired');
      else if (!held || isExpired(held)) signOut('expired');
      else setTimeout(() => void refresh(), RETRY_MS);
    };
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    await (locks ? locks.request('tessera.session.refresh', run) : run());
  }, [storage, adopt, renew, signOut]);

  useEffect(() => {
    if (token === null) return;
    const hasRefresh = readStoredRefreshToken(storage) !== null;
    if (token === '' || isExpired(token)) {
      if (hasRefresh) void refresh();
      else signOut('expired');
      return;
    }
    const exp = tokenExpiry(token)! * 1000;
    const life = exp - Date.now();
    const at = hasRefresh ? exp - Math.min(RENEW_AHEAD_MS, life / 4) : exp;
    // setTimeout takes at most 2^31-1 ms; long tokens are re-checked when that fires.
    const timer = setTimeout(
      () => {
        if (hasRefresh) void refresh();
        else if (isExpired(token)) signOut('expired');
        else setToken(token);
      },
      Math.max(0, Math.min(at - Date.now(), 2 ** 31 - 1)),
    );
    return () => clearTimeout(timer);
  }, [token, signOut, refresh, storage]);

  // Another tab signing out, in or renewing applies here too.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === 'tessera.session') {
        const stored = readStoredToken(storage);
        tokenRef.current = stored;
        setToken(stored);
      }
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [storage]);

  const currentToken = useCallback(() => tokenRef.current, []);
  const recover = useCallback(() => {
    if (readStoredRefreshToken(storage)) void refresh();
    else signOut('expired');
  }, [storage, refresh, signOut]);
  const value = useMemo(
    () => ({ token: token || null, restoring: token === '', endedBecause, currentToken, signIn, signOut, recover }),
    [token, endedBecause, currentToken, signIn, signOut, recover],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

function expiresSoon(token: string): boolean {
  const exp = tokenExpiry(token);
  return exp === null || exp * 1000 - Date.now() < RENEW_AHEAD_MS / 2;
}

export function useSession(): SessionValue {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
