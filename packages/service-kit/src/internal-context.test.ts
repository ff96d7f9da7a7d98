import { describe, expect, it, vi } from 'vitest';
import { signCallerContext, verifyCallerContext, type CallerContext } from './internal-context.js';

const SECRET = 'unit-test-secret-unit-test-secret-0123';
const caller: CallerContext = {
  tenantId: '0192f1d2-0000-7000-8000-000000000001',
  userId: null,
  role: 'MEMBER',
  requestId: 'r1',
  currency: 'EUR',
};

describe('signed caller context', () => {
  it('round-trips a context signed with the shared secret', () => {
    expect(verifyCallerContext(signCallerContext(caller, SECRET), SECRET)).toEqual(caller);
  });

  it('refuses a missing, malformed, tampered, foreign-signed or expired context', () => {
    const signed = signCallerContext(caller, SECRET);
    const [body, mac] = signed.split('.');
    const tampered = Buffer.from(JSON.stringify({ ...caller, tenantId: '0192f1d2-0000-7000-8000-000000000002', exp: 9e9 })).toString(
      'base64url',
    );
    expect(verifyCallerContext(undefined, SECRET)).toBeNull();
    expect(verifyCallerContext('nodot', SECRET)).toBeNull();
    expect(verifyCallerContext(`${tampered}.${mac}`, SECRET)).toBeNull();
    expect(verifyCallerContext(`${body}.${mac}x`, SECRET)).toBeNull();
    expect(verifyCallerContext(signCallerContext(caller, 'another-secret-another-secret-0123456'), SECRET)).toBeNull();
    vi.useFakeTimers();
    vi.setSystemTime(Date.now() + 61_000);
    expect(verifyCallerContext(signed, SECRET)).toBeNull();
    vi.useRealTimers();
  });
});
