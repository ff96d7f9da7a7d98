import { hash, verify, Algorithm } from '@node-rs/argon2';

/** Argon2id with OWASP's minimum recommended cost (19 MiB, 2 iterations, 1 lane). */
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

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
