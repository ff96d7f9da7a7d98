import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { Role } from './internal-context.js';

/** The claims of a Tessera access token (a JWT, HS256), issued by identity and checked by the router. */
export interface AccessClaims {
  userId: string;
  tenantId: string;
  role: Role;
}

const ISSUER = 'tessera-identity';
const AUDIENCE = 'tessera-api';

const key = (secret: string) => new TextEncoder().encode(secret);

/** Issues an access token valid for `ttlSeconds`. */
export async function issueAccessToken(claims: AccessClaims, secret: string, ttlSeconds: number): Promise<string> {
  return new SignJWT({ tid: claims.tenantId, role: claims.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(key(secret));
}

export type TokenCheck = { ok: true; claims: AccessClaims; expiresAt: number } | { ok: false; reason: 'expired' | 'invalid' };

const ROLES = new Set(['OWNER', 'ADMIN', 'MEMBER']);

/** Verifies an access token's signature, issuer, audience, expiry and claim shapes. */
export async function verifyAccessToken(token: string, secret: string): Promise<TokenCheck> {
  try {
    const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    const { sub, tid, role, exp } = payload as { sub?: unknown; tid?: unknown; role?: unknown; exp?: unknown };
    if (typeof sub !== 'string' || typeof tid !== 'string' || typeof role !== 'string' || !ROLES.has(role) || typeof exp !== 'number') {
      return { ok: false, reason: 'invalid' };
    }
    return { ok: true, claims: { userId: sub, tenantId: tid, role: role as Role }, expiresAt: exp };
  } catch (error) {
    return { ok: false, reason: error instanceof joseErrors.JWTExpired ? 'expired' : 'invalid' };
  }
}
