import { describe, expect, it } from 'vitest';
import { isExpired, readStoredToken, storeToken, tokenExpiry } from './token';

/** A JWT-shaped token (header.payload.signature) whose payload is `claims`, base64url-encoded. */
function jwt(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}.signature`;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('tokenExpiry', () => {
  it('reads exp from the payload', () => {
    expect(tokenExpiry(jwt({ sub: 'u1', exp: 1_900_000_000 }))).toBe(1_900_000_000);
  });

  it('decodes base64url payloads that need - and _ and padding', () => {
    // "~~~" and "???" encode to characters that differ between base64 and base64url.
    const token = jwt({ name: '~~~???>>>', exp: 1_800_000_001 });
    expect(token.split('.')[1]).toMatch(/[-_]/);
    expect(tokenExpiry(token)).toBe(1_800_000_001);
  });

  it('is null without a payload, with a broken payload or without a numeric exp', () => {
    expect(tokenExpiry('opaque-token')).toBeNull();
    expect(tokenExpiry('header.not-json!.sig')).toBeNull();
    expect(tokenExpiry(jwt({ sub: 'u1' }))).toBeNull();
    expect(tokenExpiry(jwt({ exp: '1900000000' }))).toBeNull();
  });
});

describe('isExpired', () => {
  it('compares exp with now', () => {
    const token = jwt({ exp: 1_000 });
    expect(isExpired(token, 999_999)).toBe(false);
    expect(isExpired(token, 1_000_000)).toBe(true);
    expect(isExpired(token, 1_000_001)).toBe(true);
  });

  it('treats a token without a readable expiry as expired', () => {
    expect(isExpired('opaque-token')).toBe(true);
  });
});

describe('readStoredToken / storeToken', () => {
  it('returns a stored token that is still valid', () => {
    const token = jwt({ exp: nowSeconds() + 3600 });
    storeToken(token, window.sessionStorage);
    expect(window.sessionStorage.getItem('tessera.session')).toBe(token);
    expect(readStoredToken(window.sessionStorage)).toBe(token);
  });

  it('drops an expired token', () => {
    window.localStorage.setItem('tessera.session', jwt({ exp: nowSeconds() - 60 }));
    expect(readStoredToken()).toBeNull();
  });

  it('is null when nothing is stored, and storeToken(null) removes the token', () => {
    expect(readStoredToken(window.sessionStorage)).toBeNull();
    storeToken(jwt({ exp: nowSeconds() + 3600 }), window.sessionStorage);
    storeToken(null, window.sessionStorage);
    expect(window.sessionStorage.getItem('tessera.session')).toBeNull();
  });

  it('is null when storage throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
    } as unknown as Storage;
    expect(readStoredToken(broken)).toBeNull();
  });
});
