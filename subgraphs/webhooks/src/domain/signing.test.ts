import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newSigningSecret, openSecret, sealSecret, signatureHeader } from './signing.js';

/** What the README tells integrators to do, written independently of signatureHeader. */
function verify(header: string, body: string, secret: string, nowSeconds: number): boolean {
  const parts = header.split(',').map((part) => part.split('=') as [string, string]);
  const t = Number(parts.find(([key]) => key === 't')?.[1]);
  if (!Number.isFinite(t) || Math.abs(nowSeconds - t) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return parts.some(([key, value]) => key === 'v1' && value.length === 64 && timingSafeEqual(Buffer.from(value, 'hex'), expected));
}

describe('webhook signatures', () => {
  it('sign "<t>.<body>" with HMAC-SHA256; the receiver’s check passes, and fails for another body, secret or an old timestamp', () => {
    const secret = newSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const body = '{"id":"e1","type":"crm.deal.won"}';
    const header = signatureHeader(body, 1_790_000_000, [secret]);
    expect(header).toMatch(/^t=1790000000,v1=[0-9a-f]{64}$/);
    expect(verify(header, body, secret, 1_790_000_010)).toBe(true);
    expect(verify(header, `${body} `, secret, 1_790_000_010)).toBe(false);
    expect(verify(header, body, newSigningSecret(), 1_790_000_010)).toBe(false);
    expect(verify(header, body, secret, 1_790_001_000)).toBe(false);
  });

  it('carry one signature per secret in force (a rotation’s overlap): either secret verifies', () => {
    const [older, newer] = [newSigningSecret(), newSigningSecret()];
    const header = signatureHeader('{}', 1_790_000_000, [newer, older]);
    expect(header.split(',').filter((part) => part.startsWith('v1='))).toHaveLength(2);
    expect(verify(header, '{}', newer, 1_790_000_000)).toBe(true);
    expect(verify(header, '{}', older, 1_790_000_000)).toBe(true);
  });

  it('seal secrets at rest: the stored form does not contain the secret, opens only with its key, and tampering is detected', () => {
    const secret = newSigningSecret();
    const key = 'k'.repeat(40);
    const sealed = sealSecret(secret, key);
    expect(sealed).not.toContain(secret.slice(6));
    expect(sealSecret(secret, key)).not.toBe(sealed);
    expect(openSecret(sealed, key)).toBe(secret);
    expect(() => openSecret(sealed, 'x'.repeat(40))).toThrow();
    const [v, iv, tag, body] = sealed.split('.');
    expect(() => openSecret([v, iv, tag, `A${body!.slice(1)}`].join('.'), key)).toThrow();
  });
});
