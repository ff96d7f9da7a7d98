/** The access token kept between reloads, and what the app can read from it (its expiry). */
const STORAGE_KEY = 'tessera.session';
/** The session's refresh token (one use each: the server gives the next one with every refresh). */
const REFRESH_KEY = 'tessera.refresh';

export function readStoredRefreshToken(storage: Storage = window.localStorage): string | null {
  try {
    return storage.getItem(REFRESH_KEY);
  } catch {
    return null;
  }
}

export function storeRefreshToken(token: string | null, storage: Storage = window.localStorage): void {
  try {
    if (token) storage.setItem(REFRESH_KEY, token);
    else storage.removeItem(REFRESH_KEY);
  } catch {
    // Private mode without storage: the session lasts until the tab closes.
  }
}

export function readStoredToken(storage: Storage = window.localStorage): string | null {
  try {
    const token = storage.getItem(STORAGE_KEY);
    return token && !isExpired(token) ? token : null;
  } catch {
    return null;
  }
}

export function storeToken(token: string | null, storage: Storage = window.localStorage): void {
  try {
    if (token) storage.setItem(STORAGE_KEY, token);
    else storage.removeItem(STORAGE_KEY);
  } catch {
    // Private mode without storage: the session lasts until the tab closes.
  }
}

/** The token's `exp` (seconds since the epoch), or null when it cannot be read. */
export function tokenExpiry(token: string): number | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = atob(
      part
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(part.length / 4) * 4, '='),
    );
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp : null;
  } catch {
    return null;
  }
}

/** Who the token is for (`sub`, and the tenant `tid`): the same user across refreshes. */
export function sessionSubject(token: string): string | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const claims = JSON.parse(
      atob(
        part
          .replace(/-/g, '+')
          .replace(/_/g, '/')
          .padEnd(Math.ceil(part.length / 4) * 4, '='),
      ),
    ) as {
      sub?: unknown;
      tid?: unknown;
    };
    return typeof claims.sub === 'string' ? `${String(claims.tid)}:${claims.sub}` : null;
  } catch {
    return null;
  }
}

export function isExpired(token: string, now = Date.now()): boolean {
  const exp = tokenExpiry(token);
  return exp === null || exp * 1000 <= now;
}
