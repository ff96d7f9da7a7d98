/**
 * Short access tokens with refresh tokens for the dashboard (issue 12 item 8): each refresh token
 * works once and gives the next one; a second use ends the whole session (its family); logout, a
 * password change and a deactivation end sessions; expired, unknown and malformed tokens are refused.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAccessToken } from '@tessera/service-kit';
import { anonymousCaller, callSubgraph, expectData, mutate, newCaller, USER_ERRORS } from '../../../packages/testkit/src/index.js';
import { JWT_SECRET, startIdentity, type RunningIdentity } from './harness.js';

let identity: RunningIdentity;
let now = new Date();

beforeAll(async () => {
  identity = await startIdentity({ now: () => now });
});
afterAll(() => identity.stop());

const PASSWORD = 'a long enough password';

interface Session {
  token: string | null;
  refreshToken: string | null;
  userErrors: { code: string; field: string[] | null }[];
}

async function signUp() {
  const payload = await mutate<Session & { tenant: { id: string }; user: { id: string } }>(
    identity.url,
    anonymousCaller(),
    'signUp',
    `token refreshToken tenant { id } user { id } ${USER_ERRORS}`,
    { companyName: 'Fresh Co', name: 'Rey', email: `rey-${randomUUID()}@example.com`, password: PASSWORD },
  );
  return { ...payload, owner: newCaller({ tenantId: payload.tenant.id, userId: payload.user.id, role: 'OWNER' }) };
}

const refresh = (refreshToken: string) =>
  mutate<Session>(identity.url, anonymousCaller(), 'refreshSession', `token refreshToken ${USER_ERRORS}`, { refreshToken });

const refusedCode = (session: Session) => (session.token === null ? session.userErrors.map((error) => error.code) : ['(refreshed)']);

describe('refreshSession', () => {
  it('exchanges a refresh token for a new access token of the same user and the next refresh token', async () => {
    const start = await signUp();
    expect(start.refreshToken).toMatch(/^tsr_[A-Za-z0-9_-]{43}$/);
    const next = await refresh(start.refreshToken!);
    expect(next.userErrors).toEqual([]);
    expect(next.refreshToken).toMatch(/^tsr_/);
    expect(next.refreshToken).not.toBe(start.refreshToken);
    const check = await verifyAccessToken(next.token!, JWT_SECRET);
    expect(check.ok && check.claims).toMatchObject({ userId: start.user.id, tenantId: start.tenant.id, role: 'OWNER' });
    // And the next one works in turn.
    expect((await refresh(next.refreshToken!)).userErrors).toEqual([]);
  });

  it('ends the whole session when a refresh token is used twice (a copy was used)', async () => {
    const start = await signUp();
    const next = await refresh(start.refreshToken!);
    expect(refusedCode(await refresh(start.refreshToken!))).toEqual(['REFRESH_TOKEN_INVALID']);
    // The legitimate holder's newer token is gone too: whoever holds a copy cannot go on.
    expect(refusedCode(await refresh(next.refreshToken!))).toEqual(['REFRESH_TOKEN_INVALID']);
  });

  it('gives one new session for concurrent refreshes with one token', async () => {
    const start = await signUp();
    const results = await Promise.all(Array.from({ length: 5 }, () => refresh(start.refreshToken!)));
    expect(results.filter((result) => result.token !== null)).toHaveLength(1);
  });

  it('is refused after logout and after a password change', async () => {
    const a = await signUp();
    expectData(await callSubgraph(identity.url, a.owner, 'mutation { logout { loggedOut } }'));
    expect(refusedCode(await refresh(a.refreshToken!))).toEqual(['REFRESH_TOKEN_INVALID']);

    const b = await signUp();
    const changed = await callSubgraph(
      identity.url,
      b.owner,
      'mutation($input: ChangePasswordInput!) { changePassword(input: $input) { token refreshToken userErrors { code } } }',
      { input: { currentPassword: PASSWORD, newPassword: 'another long password' } },
    );
    const { changePassword } = expectData(changed) as { changePassword: Session };
    expect(changePassword.refreshToken).toMatch(/^tsr_/);
    expect(refusedCode(await refresh(b.refreshToken!))).toEqual(['REFRESH_TOKEN_INVALID']);
    // The session the new password started goes on.
    expect((await refresh(changePassword.refreshToken!)).userErrors).toEqual([]);
  });

  it('refuses an expired, an unknown and a malformed refresh token', async () => {
    const start = await signUp();
    now = new Date(Date.now() + 31 * 24 * 3600 * 1000);
    try {
      expect(refusedCode(await refresh(start.refreshToken!))).toEqual(['REFRESH_TOKEN_INVALID']);
    } finally {
      now = new Date();
    }
    for (const token of [`tsr_${'A'.repeat(43)}`, 'tsr_short', 'not a token', '']) {
      expect(refusedCode(await refresh(token)), token).toEqual(['REFRESH_TOKEN_INVALID']);
    }
  });
});
