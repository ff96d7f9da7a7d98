import { createHash, randomBytes } from 'node:crypto';

/**
 * The prefix of every API key secret, so secret scanners (GitHub's, gitleaks, trufflehog) can find a
 * leaked key by pattern: `tsk_` followed by 43 base64url characters (256 random bits).
 */
export const API_KEY_PREFIX = 'tsk_';
/** The prefix of invitation accept tokens (one use, 7 days). */
export const INVITATION_PREFIX = 'tsi_';
/** The prefix of dashboard refresh tokens (one use each, rotated; 30 days by default). */
export const REFRESH_TOKEN_PREFIX = 'tsr_';
/** What an API key secret looks like (for scanners, and for the router to tell a key from a JWT). */
export const API_KEY_PATTERN = /^tsk_[A-Za-z0-9_-]{43}$/;

/** A new secret: the prefix and 256 random bits in base64url. */
export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/**
 * The stored form of a high-entropy secret: hex SHA-256. A password needs a slow hash because people
 * choose guessable ones; 256 random bits cannot be guessed, so a fast hash keeps lookups cheap.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
