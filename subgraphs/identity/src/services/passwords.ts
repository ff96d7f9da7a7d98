import { hash, verify, Algorithm } from '@node-rs/argon2';

/** Argon2id with OWASP's minimum recommended cost (19 MiB, 2 iterations, 1 lane). */
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

/**
 * Passwords people pick first (from public breach lists), of the lengths our minimum lets through.
 * A small list on purpose: the minimum length does most of the work; this refuses the obvious.
 */
const COMMON_PASSWORDS = new Set([
  '1234567890',
  '12345678910',
  '123456789012',
  '0987654321',
  '1111111111',
  '0000000000',
  '1qaz2wsx3edc',
  'qwertyuiop',
  'qwertyuiop123',
  'qwerty12345',
  'qwerty123456',
  'asdfghjkl1',
  'password12',
  'password123',
  'password1234',
  'passw0rd123',
  'iloveyou123',
  'letmein123',
  'welcome123',
  'changeme123',
  'administrator',
  'football123',
  'baseball123',
  'superman123',
  'sunshine123',
  'princess123',
  'abcdefghij',
  'abcd123456',
  'abc1234567',
  'aaaaaaaaaa',
  'zaq12wsxcde',
  'trustno1234',
  'monkey12345',
  'dragon12345',
  'master12345',
  'tessera123',
  'tessera1234',
]);

/** Why a password is refused (too short or long, only blanks, or a common one), or null when it is fine. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    return `Password must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`;
  }
  if (password.trim().length === 0) return 'Password must not be only spaces';
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return 'This password is one of the most common: choose another';
  if (new Set(password).size < 3) return 'Password must use at least 3 different characters';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// Verified against when an email is unknown, so a login takes the same time whether or not it exists.
const decoyHash = hashPassword('tessera-decoy-password');

/** Checks a password against a stored hash; with no hash, spends the same time and fails. */
export async function passwordMatches(password: string, passwordHash: string | null): Promise<boolean> {
  if (passwordHash === null) {
    await verify(await decoyHash, password);
    return false;
  }
  return verify(passwordHash, password);
}
