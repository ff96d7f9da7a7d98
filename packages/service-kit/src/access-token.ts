import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { isUuid } from './ids.js';
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

/** The longest a token may live, whatever its own `exp` says (TOKEN_MAX_AGE_SECONDS at the router). */
export const DEFAULT_TOKEN_MAX_AGE_SECONDS = 24 * 3600;

/**
 * Verifies an access token's signature, issuer, audience, expiry, age (issued at most `maxAgeSeconds`
 * ago: a token re-signed with a far `exp` is still refused) and claim shapes (ids are UUIDs).
 */
export async function verifyAccessToken(token: string, secret: string, maxAgeSeconds = DEFAULT_TOKEN_MAX_AGE_SECONDS): Promise<TokenCheck> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      requiredClaims: ['iat', 'exp', 'sub'],
      maxTokenAge: maxAgeSeconds,
    });
    const { sub, tid, role, exp, iat } = payload as { sub?: unknown; tid?: unknown; role?: unknown; exp?: unknown; iat?: unknown };
    if (
      typeof sub !== 'string' ||
      !isUuid(sub) ||
      typeof tid !== 'string' ||
      !isUuid(tid) ||
      typeof role !== 'string' ||
      !ROLES.has(role)
    ) {
      return { ok: false, reason: 'invalid' };
    }
    if (typeof exp !== 'number' || typeof iat !== 'number' || exp - iat > maxAgeSeconds) return { ok: false, reason: 'invalid' };
    return { ok: true, claims: { userId: sub, tenantId: tid, role: role as Role }, expiresAt: exp };
  } catch (error) {
    return { ok: false, reason: error instanceof joseErrors.JWTExpired ? 'expired' : 'invalid' };
  }
}
