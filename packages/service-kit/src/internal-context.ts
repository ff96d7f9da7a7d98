import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header through which the router hands subgraphs the caller's identity, signed. */
export const INTERNAL_CONTEXT_HEADER = 'x-tessera-context';

export type Role = 'OWNER' | 'ADMIN' | 'MEMBER';

/**
 * Who is calling, as established by the router. `tenantId` is null only for the anonymous calls
 * the router lets through (sign-up and login); subgraphs decide which fields allow that.
 */
export interface CallerContext {
  tenantId: string | null;
  userId: string | null;
  role: Role | null;
  requestId: string;
  /** The tenant's default ISO 4217 currency, for amounts that need one (e.g. an empty balance). */
  currency: string;
  /** Set when an integration's API key calls (then `userId` and `role` are null: a key is not a user). */
  apiKeyId?: string | null;
  /** The module keys an API key may use (its modules the tenant has enabled); absent for users. */
  apiKeyModules?: string[] | null;
}

interface SignedPayload extends CallerContext {
  /** expiry, seconds since epoch */
  exp: number;
}

const encoder = (value: string) => Buffer.from(value, 'utf8').toString('base64url');

function mac(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}

/** Signs a caller context for one subgraph request (HMAC-SHA256, short expiry). */
export function signCallerContext(context: CallerContext, secret: string, ttlSeconds = 60): string {
  const payload: SignedPayload = { ...context, exp: Math.floor(Date.now() / 1000) + ttlSeconds };
  const body = encoder(JSON.stringify(payload));
  return `${body}.${mac(secret, body)}`;
}

/**
 * Verifies a signed caller context. Returns null for anything missing, malformed, forged or
 * expired: the caller then gets nothing.
 */
export function verifyCallerContext(header: string | undefined | null, secret: string): CallerContext | null {
  if (!header) return null;
  const dot = header.indexOf('.');
  if (dot <= 0) return null;
  const body = header.slice(0, dot);
  const given = Buffer.from(header.slice(dot + 1), 'base64url');
  const expected = Buffer.from(mac(secret, body), 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let payload: SignedPayload;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as SignedPayload;
  } catch {
    return null;
  }
  if (typeof payload.exp !== 'number' || payload.exp < Math.floor(Date.now() / 1000)) return null;
  const { exp: _exp, ...context } = payload;
  return context;
}
