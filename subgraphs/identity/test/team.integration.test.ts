/**
 * The team and its credentials (contract behaviours 7 and 8, identity's part): invitations (one use,
 * 7 days, revocable), roles with the last-owner rule, deactivation, and API keys stored as hashes
 * with a recognisable prefix, authenticated by the lookup the router uses.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appConfig, ownerConfig } from '@tessera/prisma';
import { API_KEY_PATTERN, hashSecret, verifyAccessToken, type CallerContext } from '@tessera/service-kit';
import {
  anonymousCaller,
  callSubgraph,
  codesOf,
  expectData,
  mutate,
  newCaller,
  query,
  USER_ERRORS,
} from '../../../packages/testkit/src/index.js';
import { JWT_SECRET, startIdentity, type RunningIdentity } from './harness.js';

let identity: RunningIdentity;
let now = new Date();

beforeAll(async () => {
  identity = await startIdentity({ now: () => now });
});
afterAll(() => identity.stop());

const PASSWORD = 'a long enough password';
const email = (who = 'person') => `${who}-${randomUUID()}@example.com`;

interface Tenant {
  tenantId: string;
  owner: CallerContext & { tenantId: string };
}

async function signUp(plan: 'FREE' | 'BUSINESS' = 'BUSINESS'): Promise<Tenant> {
  const payload = await mutate<{ tenant: { id: string }; user: { id: string } }>(
    identity.url,
    anonymousCaller(),
    'signUp',
    `tenant { id } user { id } ${USER_ERRORS}`,
    { companyName: 'Team Co', name: 'Olive Owner', email: email('owner'), password: PASSWORD, plan },
  );
  return { tenantId: payload.tenant.id, owner: newCaller({ tenantId: payload.tenant.id, userId: payload.user.id, role: 'OWNER' }) };
}

interface InvitationShape {
  invitation: { id: string; email: string; role: string; expiresAt: string; acceptToken: string | null } | null;
  userErrors: { code: string; field: string[] | null }[];
}
const invite = (caller: CallerContext, input: { email: string; role: string }) =>
  mutate<InvitationShape>(identity.url, caller, 'inviteUser', `invitation { id email role expiresAt acceptToken } ${USER_ERRORS}`, input);

interface AcceptShape {
  token: string | null;
  user: { id: string; email: string; role: string } | null;
  userErrors: { code: string }[];
}
const accept = (token: string, name = 'New Person', password = PASSWORD) =>
  mutate<AcceptShape>(identity.url, anonymousCaller(), 'acceptInvitation', `token user { id email role } ${USER_ERRORS}`, {
    token,
    name,
    password,
  });

/** Invites and accepts: a user of `tenant` with `role`, and its caller. */
async function join(tenant: Tenant, role: 'OWNER' | 'ADMIN' | 'MEMBER') {
  const invited = await invite(tenant.owner, { email: email(role.toLowerCase()), role });
  const accepted = await accept(invited.invitation!.acceptToken!);
  return { user: accepted.user!, caller: newCaller({ tenantId: tenant.tenantId, userId: accepted.user!.id, role }) };
}

interface UserShape {
  user: { id: string; role: string; active: boolean } | null;
  userErrors: { code: string; field: string[] | null }[];
}
const changeRole = (caller: CallerContext, userId: string, role: string) =>
  mutate<UserShape>(identity.url, caller, 'changeUserRole', `user { id role active } ${USER_ERRORS}`, { userId, role });
const deactivate = (caller: CallerContext, userId: string) =>
  mutate<UserShape>(identity.url, caller, 'deactivateUser', `user { id role active } ${USER_ERRORS}`, { userId });

describe('invitations', () => {
  it('an accepted invitation creates the user in the inviting tenant with the invited role and signs them in, once', async () => {
    const tenant = await signUp();
    const address = email('Mixed.Case');
    const invited = await invite(tenant.owner, { email: ` ${address.toUpperCase()} `, role: 'MEMBER' });
    expect(invited.userErrors).toEqual([]);
    expect(invited.invitation).toMatchObject({
      email: address.toLowerCase(),
      role: 'MEMBER',
      acceptToken: expect.stringMatching(/^tsi_[\w-]{43}$/),
    });
    expect(new Date(invited.invitation!.expiresAt).getTime() - now.getTime()).toBe(7 * 24 * 3600 * 1000);

    const accepted = await accept(invited.invitation!.acceptToken!, 'Mia Member');
    expect(accepted.userErrors).toEqual([]);
    expect(accepted.user).toMatchObject({ email: address.toLowerCase(), role: 'MEMBER' });
    const check = await verifyAccessToken(accepted.token!, JWT_SECRET);
    expect(check).toMatchObject({ ok: true, claims: { tenantId: tenant.tenantId, userId: accepted.user!.id, role: 'MEMBER' } });

    const again = await accept(invited.invitation!.acceptToken!, 'Second Try');
    expect(codesOf(again)).toEqual(['INVITATION_INVALID']);
    const team = await query<{ users: { totalCount: number; edges: { node: { email: string; role: string; active: boolean } }[] } }>(
      identity.url,
      tenant.owner,
      '{ users(first: 50) { totalCount edges { node { email role active } } } }',
    );
    expect(team.users.totalCount).toBe(2);
    expect(team.users.edges.map(({ node }) => node.role)).toEqual(['OWNER', 'MEMBER']);
    // The invitation list never shows the token again.
    const listed = await query<{ invitations: { edges: { node: { acceptToken: string | null; acceptedAt: string | null } }[] } }>(
      identity.url,
      tenant.owner,
      '{ invitations { edges { node { acceptToken acceptedAt } } } }',
    );
    expect(listed.invitations.edges).toEqual([{ node: { acceptToken: null, acceptedAt: expect.any(String) } }]);
  });

  it('concurrent accepts of one invitation make one user', async () => {
    const tenant = await signUp();
    const invited = await invite(tenant.owner, { email: email(), role: 'ADMIN' });
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => accept(invited.invitation!.acceptToken!, `Racer ${i}`)));
    expect(results.filter((result) => result.token !== null)).toHaveLength(1);
    const team = await query<{ users: { totalCount: number } }>(identity.url, tenant.owner, '{ users { totalCount } }');
    expect(team.users.totalCount).toBe(2);
  });

  it('refuses an expired, a revoked and an unknown token, and a weak password, creating nobody', async () => {
    const tenant = await signUp();
    const expiring = await invite(tenant.owner, { email: email(), role: 'MEMBER' });
    const revoked = await invite(tenant.owner, { email: email(), role: 'MEMBER' });
    const revoke = await mutate<{ invitation: { revokedAt: string | null } | null; userErrors: { code: string }[] }>(
      identity.url,
      tenant.owner,
      'revokeInvitation',
      `invitation { revokedAt } ${USER_ERRORS}`,
      { invitationId: revoked.invitation!.id },
    );
    expect(revoke.invitation!.revokedAt).not.toBeNull();
    expect(codesOf(await accept(revoked.invitation!.acceptToken!))).toEqual(['INVITATION_INVALID']);
    expect(codesOf(await accept('tsi_not-a-real-token-at-all'))).toEqual(['INVITATION_INVALID']);
    expect(codesOf(await accept(expiring.invitation!.acceptToken!, 'Weak', 'short'))).toEqual(['WEAK_PASSWORD']);
    const saved = now;
    now = new Date(saved.getTime() + 7 * 24 * 3600 * 1000 + 1000);
    try {
      expect(codesOf(await accept(expiring.invitation!.acceptToken!))).toEqual(['INVITATION_INVALID']);
    } finally {
      now = saved;
    }
    const team = await query<{ users: { totalCount: number } }>(identity.url, tenant.owner, '{ users { totalCount } }');
    expect(team.users.totalCount).toBe(1);
  });

  it('refuses an address that already has an account, and an admin inviting an owner', async () => {
    const tenant = await signUp();
    const other = await signUp();
    const taken = await query<{ me: { email: string } }>(identity.url, other.owner, '{ me { email } }');
    expect(codesOf(await invite(tenant.owner, { email: taken.me.email, role: 'MEMBER' }))).toEqual(['EMAIL_TAKEN']);
    expect(codesOf(await invite(tenant.owner, { email: 'not an email', role: 'MEMBER' }))).toEqual(['INVALID_EMAIL']);
    const admin = await join(tenant, 'ADMIN');
    const refused = await invite(admin.caller, { email: email(), role: 'OWNER' });
    expect(refused.userErrors).toEqual([{ code: 'FORBIDDEN', field: ['input', 'role'], message: 'Only an owner may invite an owner' }]);
    expect((await invite(admin.caller, { email: email(), role: 'ADMIN' })).userErrors).toEqual([]);
  });
});

describe('roles and deactivation', () => {
  it('keeps the last active owner: it cannot be demoted or deactivated, until another owner exists', async () => {
    const tenant = await signUp();
    const ownerId = tenant.owner.userId!;
    expect(codesOf(await changeRole(tenant.owner, ownerId, 'ADMIN'))).toEqual(['LAST_OWNER']);
    expect(codesOf(await deactivate(tenant.owner, ownerId))).toEqual(['LAST_OWNER']);
    const second = await join(tenant, 'MEMBER');
    expect((await changeRole(tenant.owner, second.user.id, 'OWNER')).user).toMatchObject({ role: 'OWNER' });
    expect((await changeRole(tenant.owner, ownerId, 'ADMIN')).user).toMatchObject({ role: 'ADMIN' });
    // The remaining owner is the last one now (the router signs the role identity answers, OWNER by now).
    expect(codesOf(await deactivate({ ...second.caller, role: 'OWNER' }, second.user.id))).toEqual(['LAST_OWNER']);
  });

  it('two owners demoting each other at once leave one owner', async () => {
    const tenant = await signUp();
    const second = await join(tenant, 'OWNER');
    const [a, b] = await Promise.all([
      changeRole(tenant.owner, second.user.id, 'MEMBER'),
      changeRole(second.caller, tenant.owner.userId!, 'MEMBER'),
    ]);
    expect([a, b].filter((result) => result.user !== null)).toHaveLength(1);
    expect([...codesOf(a), ...codesOf(b)]).toEqual(['LAST_OWNER']);
  });

  it('only an owner makes or unmakes an owner; an admin manages admins and members', async () => {
    const tenant = await signUp();
    const admin = await join(tenant, 'ADMIN');
    const member = await join(tenant, 'MEMBER');
    expect(codesOf(await changeRole(admin.caller, member.user.id, 'OWNER'))).toEqual(['FORBIDDEN']);
    expect(codesOf(await changeRole(admin.caller, tenant.owner.userId!, 'MEMBER'))).toEqual(['FORBIDDEN']);
    expect(codesOf(await deactivate(admin.caller, tenant.owner.userId!))).toEqual(['FORBIDDEN']);
    expect((await changeRole(admin.caller, member.user.id, 'ADMIN')).user).toMatchObject({ role: 'ADMIN' });
  });

  it('a deactivated user cannot log in, and the access check the router makes says so', async () => {
    const tenant = await signUp();
    const invited = await invite(tenant.owner, { email: email(), role: 'MEMBER' });
    const accepted = await accept(invited.invitation!.acceptToken!);
    const caller = newCaller({ tenantId: tenant.tenantId, userId: accepted.user!.id, role: 'MEMBER' });
    const before = await query<{ tenantAccess: { userActive: boolean } }>(identity.url, caller, '{ tenantAccess { userActive } }');
    expect(before.tenantAccess.userActive).toBe(true);
    expect((await deactivate(tenant.owner, accepted.user!.id)).user).toMatchObject({ active: false });
    const after = await query<{ tenantAccess: { userActive: boolean } }>(identity.url, caller, '{ tenantAccess { userActive } }');
    expect(after.tenantAccess.userActive).toBe(false);
    const login = await mutate<{ token: string | null; userErrors: { code: string }[] }>(
      identity.url,
      anonymousCaller(),
      'login',
      `token ${USER_ERRORS}`,
      { email: accepted.user!.email, password: PASSWORD },
    );
    expect(login.token).toBeNull();
    expect(codesOf(login)).toEqual(['USER_DEACTIVATED']);
  });

  it('never reaches another tenant: its users are NOT_FOUND to every team mutation', async () => {
    const a = await signUp();
    const b = await signUp();
    expect(codesOf(await changeRole(b.owner, a.owner.userId!, 'MEMBER'))).toEqual(['NOT_FOUND']);
    expect(codesOf(await deactivate(b.owner, a.owner.userId!))).toEqual(['NOT_FOUND']);
    const invited = await invite(a.owner, { email: email(), role: 'MEMBER' });
    const revoke = await mutate<{ userErrors: { code: string }[] }>(identity.url, b.owner, 'revokeInvitation', USER_ERRORS, {
      invitationId: invited.invitation!.id,
    });
    expect(codesOf(revoke)).toEqual(['NOT_FOUND']);
    expect(codesOf(await accept(invited.invitation!.acceptToken!))).toEqual([]);
  });
});

interface KeyShape {
  apiKey: {
    id: string;
    name: string;
    modules: string[];
    access: string;
    hint: string;
    lastUsedAt: string | null;
    revokedAt: string | null;
  } | null;
  secret: string | null;
  userErrors: { code: string; field: string[] | null }[];
}
const createKey = (caller: CallerContext, input: Record<string, unknown>) =>
  mutate<KeyShape>(
    identity.url,
    caller,
    'createApiKey',
    `apiKey { id name modules access hint lastUsedAt revokedAt } secret ${USER_ERRORS}`,
    input,
  );
const grantOf = (secret: string) =>
  query<{ apiKeyAccess: { apiKeyId: string; tenantId: string; enabledModules: string[]; access: string } | null }>(
    identity.url,
    anonymousCaller(),
    'query($h: String!) { apiKeyAccess(secretHash: $h) { apiKeyId tenantId enabledModules access } }',
    { h: hashSecret(secret) },
  ).then((data) => data.apiKeyAccess);

describe('API keys', () => {
  it('returns a prefixed secret once, keeps only its SHA-256, and grants the key its modules within the tenant’s', async () => {
    const tenant = await signUp('FREE');
    const created = await createKey(tenant.owner, { name: ' Zapier ', modules: ['CRM', 'CRM', 'INVOICING'], access: 'READ' });
    expect(created.userErrors).toEqual([]);
    expect(created.secret).toMatch(API_KEY_PATTERN);
    expect(created.apiKey).toMatchObject({
      name: 'Zapier',
      modules: ['CRM', 'INVOICING'],
      access: 'READ',
      hint: created.secret!.slice(0, 8),
    });

    const owner = new pg.Client(ownerConfig('identity'));
    await owner.connect();
    try {
      await owner.query(`SELECT set_config('tessera.tenant_id', $1, false)`, [tenant.tenantId]);
      const { rows } = await owner.query('SELECT * FROM api_keys WHERE id = $1', [created.apiKey!.id]);
      expect(rows[0].secret_hash).toBe(hashSecret(created.secret!));
      expect(JSON.stringify(rows[0])).not.toContain(created.secret!.slice(8));
    } finally {
      await owner.end();
    }
    expect(await grantOf(created.secret!)).toEqual({
      apiKeyId: created.apiKey!.id,
      tenantId: tenant.tenantId,
      enabledModules: ['CRM', 'INVOICING'],
      access: 'READ',
    });
    const listed = await query<{ apiKeys: { edges: { node: { lastUsedAt: string | null } }[] } }>(
      identity.url,
      tenant.owner,
      '{ apiKeys { edges { node { lastUsedAt } } } }',
    );
    expect(listed.apiKeys.edges[0]!.node.lastUsedAt).toBe(now.toISOString());
  });

  it('refuses modules the tenant has not enabled, no module, and a past expiry', async () => {
    const tenant = await signUp('FREE');
    expect(codesOf(await createKey(tenant.owner, { name: 'HR sync', modules: ['HR'], access: 'READ' }))).toEqual(['INVALID_MODULES']);
    expect(codesOf(await createKey(tenant.owner, { name: 'Nothing', modules: [], access: 'READ' }))).toEqual(['INVALID_MODULES']);
    const past = new Date(now.getTime() - 1000).toISOString();
    expect(codesOf(await createKey(tenant.owner, { name: 'Old', modules: ['CRM'], access: 'READ', expiresAt: past }))).toEqual(['INVALID']);
  });

  it('a revoked, an expired and an unknown key get no grant; lastUsedAt moves at most once a minute', async () => {
    const tenant = await signUp();
    const expiresAt = new Date(now.getTime() + 3600_000).toISOString();
    const expiring = await createKey(tenant.owner, { name: 'Expiring', modules: ['CRM'], access: 'READ_WRITE', expiresAt });
    const revoked = await createKey(tenant.owner, { name: 'Revoked', modules: ['CRM'], access: 'READ_WRITE' });
    expect(await grantOf(revoked.secret!)).not.toBeNull();
    const revoke = await mutate<{ apiKey: { revokedAt: string | null } | null; userErrors: { code: string }[] }>(
      identity.url,
      tenant.owner,
      'revokeApiKey',
      `apiKey { revokedAt } ${USER_ERRORS}`,
      { apiKeyId: revoked.apiKey!.id },
    );
    expect(revoke.apiKey!.revokedAt).not.toBeNull();
    expect(await grantOf(revoked.secret!)).toBeNull();
    expect(await grantOf(`tsk_${'A'.repeat(43)}`)).toBeNull();

    const saved = now;
    try {
      expect(await grantOf(expiring.secret!)).not.toBeNull();
      const first = now.toISOString();
      now = new Date(saved.getTime() + 30_000);
      await grantOf(expiring.secret!);
      const lastUsed = () =>
        query<{ apiKeys: { edges: { node: { name: string; lastUsedAt: string | null } }[] } }>(
          identity.url,
          tenant.owner,
          '{ apiKeys { edges { node { name lastUsedAt } } } }',
        ).then((data) => data.apiKeys.edges.find(({ node }) => node.name === 'Expiring')!.node.lastUsedAt);
      expect(await lastUsed()).toBe(first);
      now = new Date(saved.getTime() + 61_000);
      await grantOf(expiring.secret!);
      expect(await lastUsed()).toBe(now.toISOString());
      now = new Date(saved.getTime() + 3600_000);
      expect(await grantOf(expiring.secret!)).toBeNull();
    } finally {
      now = saved;
    }
  });

  it('a key is not a user: `me` refuses it clearly, and another tenant’s key cannot be revoked', async () => {
    const a = await signUp();
    const b = await signUp();
    const created = await createKey(a.owner, { name: 'Ops', modules: ['CRM'], access: 'READ' });
    const asKey = newCaller({ tenantId: a.tenantId, userId: null, role: null, apiKeyId: created.apiKey!.id });
    const me = await callSubgraph(identity.url, asKey, '{ me { id } }');
    expect(me.errors?.[0]).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: expect.stringContaining('API key, which is not a user'),
    });
    expect(expectData(await callSubgraph(identity.url, asKey, '{ tenant { id } }')).tenant.id).toBe(a.tenantId);
    const cross = await mutate<{ userErrors: { code: string }[] }>(identity.url, b.owner, 'revokeApiKey', USER_ERRORS, {
      apiKeyId: created.apiKey!.id,
    });
    expect(codesOf(cross)).toEqual(['NOT_FOUND']);
    expect(await grantOf(created.secret!)).not.toBeNull();
  });

  it('the lookups are narrow: the app role reads no key or invitation across tenants', async () => {
    const tenant = await signUp();
    await createKey(tenant.owner, { name: 'Ops', modules: ['CRM'], access: 'READ' });
    await invite(tenant.owner, { email: email(), role: 'MEMBER' });
    const client = new pg.Client(appConfig('identity'));
    await client.connect();
    try {
      expect((await client.query('SELECT count(*)::int AS n FROM api_keys')).rows[0].n).toBe(0);
      expect((await client.query('SELECT count(*)::int AS n FROM invitations')).rows[0].n).toBe(0);
      const { fields } = await client.query('SELECT * FROM identity_api_key_lookup($1)', ['0'.repeat(64)]);
      expect(fields.map((field) => field.name)).toEqual(['api_key_id', 'tenant_id']);
    } finally {
      await client.end();
    }
  });
});

describe('the permission table', () => {
  it('refuses members and API keys every team mutation with FORBIDDEN before anything runs', async () => {
    const tenant = await signUp();
    const member = await join(tenant, 'MEMBER');
    const asKey = newCaller({ tenantId: tenant.tenantId, userId: null, role: null, apiKeyId: randomUUID() });
    for (const caller of [member.caller, asKey]) {
      const refused = await callSubgraph(
        identity.url,
        caller,
        'mutation($input: InviteUserInput!) { inviteUser(input: $input) { invitation { id } } }',
        { input: { email: email(), role: 'MEMBER' } },
      );
      expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
      const keys = await callSubgraph(identity.url, caller, '{ apiKeys { totalCount } }');
      expect(keys.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    }
    const invitations = await query<{ invitations: { totalCount: number } }>(identity.url, tenant.owner, '{ invitations { totalCount } }');
    expect(invitations.invitations.totalCount).toBe(1);
  });

  it('sees a root field through inline fragments and fragment spreads too', async () => {
    const tenant = await signUp();
    const member = await join(tenant, 'MEMBER');
    for (const document of [
      'mutation { ... on Mutation { updateBranding(input: { displayName: "Inline" }) { userErrors { code } } } }',
      'mutation { ...Rename } fragment Rename on Mutation { ... on Mutation { updateBranding(input: { displayName: "Spread" }) { userErrors { code } } } }',
    ]) {
      const refused = await callSubgraph(identity.url, member.caller, document);
      expect(
        refused.errors?.map((error) => error.extensions?.code),
        document,
      ).toEqual(['FORBIDDEN']);
    }
    const { tenant: after } = await query<{ tenant: { branding: { displayName: string } } }>(
      identity.url,
      tenant.owner,
      '{ tenant { branding { displayName } } }',
    );
    expect(after.branding.displayName).toBe('Team Co');
  });
});

describe('sessions and passwords (issue 12 item 8)', () => {
  const versionOf = async (caller: CallerContext) =>
    (await query<{ tenantAccess: { tokenVersion: number } }>(identity.url, caller, '{ tenantAccess { tokenVersion } }')).tenantAccess
      .tokenVersion;

  it('logout and a password change move the token version on (the router refuses older tokens); a new token carries the new one', async () => {
    const tenant = await signUp();
    expect(await versionOf(tenant.owner)).toBe(0);
    const logout = await callSubgraph(identity.url, tenant.owner, 'mutation { logout { loggedOut userErrors { code } } }');
    expect(expectData(logout).logout).toEqual({ loggedOut: true, userErrors: [] });
    expect(await versionOf(tenant.owner)).toBe(1);

    const wrong = await mutate<{ token: string | null; userErrors: { code: string; field: string[] | null }[] }>(
      identity.url,
      tenant.owner,
      'changePassword',
      `token ${USER_ERRORS}`,
      { currentPassword: 'not the password', newPassword: 'a brand new passphrase' },
    );
    expect(wrong.userErrors.map((error) => [error.code, error.field])).toEqual([['INVALID_CREDENTIALS', ['input', 'currentPassword']]]);
    const changed = await mutate<{ token: string | null; userErrors: { code: string }[] }>(
      identity.url,
      tenant.owner,
      'changePassword',
      `token ${USER_ERRORS}`,
      {
        currentPassword: PASSWORD,
        newPassword: 'a brand new passphrase',
      },
    );
    expect(changed.userErrors).toEqual([]);
    expect(await versionOf(tenant.owner)).toBe(2);
    expect(await verifyAccessToken(changed.token!, JWT_SECRET)).toMatchObject({ ok: true, claims: { tokenVersion: 2 } });
  });

  it('refuses whitespace-only, common and one-character passwords everywhere a password is set', async () => {
    for (const password of ['          ', 'Password123', 'qwertyuiop', 'aaaaaaaaaaaa', 'abababababab']) {
      const payload = await mutate<{ userErrors: { code: string }[] }>(identity.url, anonymousCaller(), 'signUp', USER_ERRORS, {
        companyName: 'Weak Co',
        name: 'W',
        email: email('weak'),
        password,
      });
      expect(codesOf(payload), JSON.stringify(password)).toEqual(['WEAK_PASSWORD']);
    }
    const tenant = await signUp();
    const invited = await invite(tenant.owner, { email: email(), role: 'MEMBER' });
    expect(codesOf(await accept(invited.invitation!.acceptToken!, 'Spaces', ' '.repeat(12)))).toEqual(['WEAK_PASSWORD']);
    const change = await mutate<{ userErrors: { code: string }[] }>(identity.url, tenant.owner, 'changePassword', USER_ERRORS, {
      currentPassword: PASSWORD,
      newPassword: '1234567890',
    });
    expect(codesOf(change)).toEqual(['WEAK_PASSWORD']);
  });

  it('deactivation moves the version on too, and API keys cannot log out or change a password', async () => {
    const tenant = await signUp();
    const member = await join(tenant, 'MEMBER');
    await deactivate(tenant.owner, member.user.id);
    expect(await versionOf(member.caller)).toBe(1);
    const asKey = newCaller({ tenantId: tenant.tenantId, userId: null, role: null, apiKeyId: randomUUID() });
    const refused = await callSubgraph(identity.url, asKey, 'mutation { logout { loggedOut } }');
    expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});

describe('plans: a 14-day BUSINESS trial and upgradePlan (issue 12 item 6)', () => {
  const tenantOf = (caller: CallerContext) =>
    query<{ tenant: { plan: string; enabledModules: string[]; trialEndsAt: string | null } }>(
      identity.url,
      caller,
      '{ tenant { plan enabledModules trialEndsAt } }',
    ).then((data) => data.tenant);
  const access = (caller: CallerContext) =>
    query<{ tenantAccess: { plan: string; enabledModules: string[] } }>(
      identity.url,
      caller,
      '{ tenantAccess { plan enabledModules } }',
    ).then((data) => data.tenantAccess);
  const upgrade = (caller: CallerContext, plan: string) =>
    callSubgraph(
      identity.url,
      caller,
      'mutation($input: UpgradePlanInput!) { upgradePlan(input: $input) { tenant { plan trialEndsAt } userErrors { code } } }',
      {
        input: { plan },
      },
    );

  it('a BUSINESS sign-up is a trial that ends after 14 days (FREE modules from then), recorded', async () => {
    const saved = now;
    try {
      const tenant = await signUp('BUSINESS');
      const started = await tenantOf(tenant.owner);
      expect(started.plan).toBe('BUSINESS');
      expect(started.enabledModules).toHaveLength(10);
      expect(new Date(started.trialEndsAt!).getTime() - now.getTime()).toBe(14 * 24 * 3600 * 1000);
      now = new Date(saved.getTime() + 13 * 24 * 3600 * 1000);
      expect((await access(tenant.owner)).plan).toBe('BUSINESS');
      now = new Date(saved.getTime() + 14 * 24 * 3600 * 1000 + 1);
      expect(await access(tenant.owner)).toEqual({ plan: 'FREE', enabledModules: ['CRM', 'INVOICING', 'BOOKING'] });
      expect(await tenantOf(tenant.owner)).toEqual({ plan: 'FREE', enabledModules: ['CRM', 'INVOICING', 'BOOKING'], trialEndsAt: null });
      const owner = new pg.Client(ownerConfig('identity'));
      await owner.connect();
      try {
        await owner.query(`SELECT set_config('tessera.tenant_id', $1, false)`, [tenant.tenantId]);
        const { rows } = await owner.query('SELECT from_plan, to_plan, reason FROM plan_changes WHERE tenant_id = $1 ORDER BY id', [
          tenant.tenantId,
        ]);
        expect(rows).toEqual([
          { from_plan: null, to_plan: 'BUSINESS', reason: 'sign-up (trial)' },
          { from_plan: 'BUSINESS', to_plan: 'FREE', reason: 'trial ended' },
        ]);
      } finally {
        await owner.end();
      }
    } finally {
      now = saved;
    }
  });

  it('an owner upgrades during the trial and keeps BUSINESS after it; admins and members may not', async () => {
    const saved = now;
    try {
      const tenant = await signUp('BUSINESS');
      const admin = await join(tenant, 'ADMIN');
      expect((await upgrade(admin.caller, 'BUSINESS')).errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
      const upgraded = expectData(await upgrade(tenant.owner, 'BUSINESS'));
      expect(upgraded.upgradePlan).toEqual({ tenant: { plan: 'BUSINESS', trialEndsAt: null }, userErrors: [] });
      now = new Date(saved.getTime() + 30 * 24 * 3600 * 1000);
      expect((await access(tenant.owner)).plan).toBe('BUSINESS');
      expect(expectData(await upgrade(tenant.owner, 'BUSINESS')).upgradePlan.userErrors).toEqual([{ code: 'INVALID' }]);
      // A FREE sign-up has no trial, and an owner can move it up.
      const free = await signUp('FREE');
      expect((await tenantOf(free.owner)).trialEndsAt).toBeNull();
      expect(expectData(await upgrade(free.owner, 'BUSINESS')).upgradePlan.tenant.plan).toBe('BUSINESS');
      expect((await access(free.owner)).enabledModules).toHaveLength(10);
    } finally {
      now = saved;
    }
  });
});
