/**
 * Webhook signatures (behaviour 11): `Tessera-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<raw body>" keyed by the signing secret>`, with one `v1=` per secret in force (two for the 24
 * hours after a rotation). Secrets are stored sealed with AES-256-GCM under WEBHOOK_SECRET_KEY, so a
 * copy of the database alone cannot forge deliveries.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/** A new signing secret: `whsec_` and 32 random bytes, base64url. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** The `Tessera-Signature` header of a body sent at `timestamp` (unix seconds) under each secret. */
export function signatureHeader(body: string, timestamp: number, secrets: readonly string[]): string {
  const signatures = secrets.map((secret) => `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`);
  return [`t=${timestamp}`, ...signatures].join(',');
}

const keyOf = (masterKey: string) => createHash('sha256').update(masterKey).digest();

/** Seals a secret for storage: `v1.<iv>.<tag>.<ciphertext>`, base64url. */
export function sealSecret(secret: string, masterKey: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(masterKey), iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join('.');
}

/** Opens a sealed secret (throws when the key is not the one it was sealed with). */
export function openSecret(stored: string, masterKey: string): string {
  const [version, iv, tag, sealed] = stored.split('.');
  if (version !== 'v1' || !iv || !tag || !sealed) throw new Error('webhooks: a stored secret is not sealed');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(masterKey), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8');
}
