import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { isUuid } from './ids.js';
import type { Role } from './internal-context.js';

/** The claims of a Tessera access token (a JWT, HS256), issued by identity and checked by the router. */
export interface AccessClaims {
  userId: string;
  tenantId: string;
  role: Role;
  /**
   * The user's token version when the token was issued (claim `ver`): logout, a password change and
   * deactivation bump the user's version, and the router refuses tokens of an older one.
   */
  tokenVersion: number;
}

const ISSUER = 'tessera-identity';
const AUDIENCE = 'tessera-api';

const key = (secret: string) => new TextEncoder().encode(secret);

/** Issues an access token valid for `ttlSeconds`. */
export async function issueAccessToken(
  claims: Omit<AccessClaims, 'tokenVersion'> & { tokenVersion?: number },
  secret: string,
  ttlSeconds: number,
): Promise<string> {
  return new SignJWT({ tid: claims.tenantId, role: claims.role, ver: claims.tokenVersion ?? 0 })
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
    const { sub, tid, role, exp, iat, ver } = payload as {
      sub?: unknown;
      tid?: unknown;
      role?: unknown;
      exp?: unknown;
      iat?: unknown;
      ver?: unknown;
    };
    if (
      typeof sub !== 'string' ||
      !isUuid(sub) ||
      typeof tid !== 'string' ||
      !isUuid(tid) ||
      typeof role !== 'string' ||
      !ROLES.has(role) ||
      (ver !== undefined && (typeof ver !== 'number' || !Number.isSafeInteger(ver) || ver < 0))
    ) {
      return { ok: false, reason: 'invalid' };
    }
    if (typeof exp !== 'number' || typeof iat !== 'number' || exp - iat > maxAgeSeconds) return { ok: false, reason: 'invalid' };
    // A token issued before versions existed counts as version 0.
    return {
      ok: true,
      claims: { userId: sub, tenantId: tid, role: role as Role, tokenVersion: (ver as number | undefined) ?? 0 },
      expiresAt: exp,
    };
  } catch (error) {
    return { ok: false, reason: error instanceof joseErrors.JWTExpired ? 'expired' : 'invalid' };
  }
}
