/**
 * Contract behaviours 7 and 8 through the router, with real HTTP and graphql-ws clients: a team
 * (invitations, roles, the last owner, deactivation that ends a token within 5 seconds) and API keys
 * (a key acts for its tenant within its modules; READ refuses mutations; revoked keys stop within
 * seconds; lastUsedAt moves; the same rules on WebSocket connections).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from './contract-operations.js';
import { subscribe } from './live.js';
import { gql, ok, startPlatform, type Platform, type Response } from './platform.js';

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.stop());

const PASSWORD = 'a long enough password';
const codes = (response: Response) => (response.errors ?? []).map((error) => error.extensions?.code);
const call = (token: string, query: string, variables: Record<string, unknown> = {}) => gql(platform.url, query, variables, token);
const run = (token: string, query: string, variables: Record<string, unknown> = {}) => call(token, query, variables).then(ok<any>);

async function signUp(plan: 'FREE' | 'BUSINESS' = 'BUSINESS'): Promise<string> {
  const data = ok(
    await gql(platform.url, contract.SignUp, {
      input: { companyName: 'Team Co', name: 'Olive', email: `owner-${randomUUID()}@example.com`, password: PASSWORD, plan },
    }),
  );
  return data.signUp.token as string;
}

async function join(ownerToken: string, role: 'ADMIN' | 'MEMBER'): Promise<{ token: string; userId: string }> {
  const { inviteUser } = await run(ownerToken, contract.InviteUser, {
    input: { email: `${role.toLowerCase()}-${randomUUID()}@example.com`, role },
  });
  expect(inviteUser.userErrors).toEqual([]);
  const accepted = ok(
    await gql(platform.url, contract.AcceptInvitation, {
      input: { token: inviteUser.invitation.acceptToken, name: 'New Person', password: PASSWORD },
    }),
  );
  expect(accepted.acceptInvitation.userErrors).toEqual([]);
  return { token: accepted.acceptInvitation.token, userId: accepted.acceptInvitation.user.id };
}

/** Polls `read` until `done`, for at most `ms` (a cache of 5 s stands between a change and the router). */
async function within<T>(ms: number, read: () => Promise<T>, done: (value: T) => boolean): Promise<{ value: T; after: number }> {
  const started = Date.now();
  let value = await read();
  while (!done(value) && Date.now() - started < ms) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  return { value, after: Date.now() - started };
}

const CREATE_PAY_RUN = 'mutation($input: CreatePayRunInput!) { createPayRun(input: $input) { payRun { id } userErrors { code } } }';

describe('behaviour 7: the team', () => {
  it('an invited member signs in to the inviting tenant, works with its data, and is refused team, branding and payroll changes', async () => {
    const owner = await signUp();
    const member = await join(owner, 'MEMBER');
    const { me } = await run(member.token, '{ me { role tenant { id } } }');
    const ownerMe = await run(owner, '{ me { tenant { id } } }');
    expect(me).toEqual({ role: 'MEMBER', tenant: { id: ownerMe.me.tenant.id } });
    expect((await run(member.token, contract.CreateContact, { input: { name: 'Member Made' } })).createContact.userErrors).toEqual([]);

    const refusals = {
      inviteUser: await call(member.token, contract.InviteUser, { input: { email: `x-${randomUUID()}@example.com`, role: 'MEMBER' } }),
      changeUserRole: await call(member.token, contract.ChangeUserRole, { input: { userId: member.userId, role: 'OWNER' } }),
      deactivateUser: await call(member.token, contract.DeactivateUser, { input: { userId: member.userId } }),
      createApiKey: await call(member.token, contract.CreateApiKey, { input: { name: 'Mine', modules: ['CRM'], access: 'READ_WRITE' } }),
      updateBranding: await call(member.token, 'mutation { updateBranding(input: { displayName: "Hacked" }) { userErrors { code } } }'),
      createPayRun: await call(member.token, CREATE_PAY_RUN, {
        input: { periodStart: '2026-11-01', periodEnd: '2026-11-30', currency: 'USD' },
      }),
    };
    for (const [name, response] of Object.entries(refusals)) expect(codes(response), name).toEqual(['FORBIDDEN']);
    const { users, tenant } = await run(owner, '{ users { totalCount edges { node { role } } } tenant { branding { displayName } } }');
    expect(users.edges.map((edge: { node: { role: string } }) => edge.node.role)).toEqual(['OWNER', 'MEMBER']);
    expect(tenant.branding.displayName).toBe('Team Co');
    expect((await run(owner, '{ payRuns { totalCount } }')).payRuns.totalCount).toBe(0);
  });

  it('the last active owner can be neither demoted nor deactivated', async () => {
    const owner = await signUp();
    const { me } = await run(owner, '{ me { id } }');
    const demote = await run(owner, contract.ChangeUserRole, { input: { userId: me.id, role: 'ADMIN' } });
    expect(demote.changeUserRole.userErrors.map((error: { code: string }) => error.code)).toEqual(['LAST_OWNER']);
    const deactivate = await run(owner, contract.DeactivateUser, { input: { userId: me.id } });
    expect(deactivate.deactivateUser.userErrors.map((error: { code: string }) => error.code)).toEqual(['LAST_OWNER']);
  });

  it('a role change applies to the next requests of a token, and a deactivated user’s token stops within 5 s, on HTTP and WebSocket', async () => {
    const owner = await signUp();
    const member = await join(owner, 'MEMBER');
    await run(owner, contract.ChangeUserRole, { input: { userId: member.userId, role: 'ADMIN' } });
    const promoted = await within(
      6_000,
      () => call(member.token, '{ apiKeys { totalCount } }'),
      (response) => codes(response).length === 0,
    );
    expect(codes(promoted.value)).toEqual([]);

    const live = subscribe(platform.url, member.token, contract.InvoiceChanged);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { deactivateUser } = await run(owner, contract.DeactivateUser, { input: { userId: member.userId } });
    expect(deactivateUser.user).toEqual({ id: member.userId, active: false });
    const stopped = await within(
      6_000,
      () => call(member.token, '{ me { id } }'),
      (response) => response.status === 401,
    );
    expect(codes(stopped.value)).toEqual(['UNAUTHENTICATED']);
    expect(stopped.after).toBeLessThanOrEqual(5_000);
    process.stdout.write(`deactivated user's token refused after ${stopped.after} ms\n`);
    // A new socket of the deactivated user is refused at once.
    const again = subscribe(platform.url, member.token, contract.InvoiceChanged);
    expect((await again.closed).code).toBe(4403);
    await Promise.all([live.dispose(), again.dispose()]);
  });
});

describe('sessions (issue 12 item 8)', () => {
  it('logout ends every token of the user within 5 s, on HTTP and for new sockets; a password change hands out the only valid one', async () => {
    const email = `session-${randomUUID()}@example.com`;
    const signUp = ok(
      await gql(platform.url, contract.SignUp, { input: { companyName: 'Session Co', name: 'Sue', email, password: PASSWORD } }),
    );
    const first = signUp.signUp.token as string;
    const login = ok(await gql(platform.url, contract.Login, { input: { email, password: PASSWORD } }));
    const second = login.login.token as string;
    expect(ok(await call(first, 'mutation { logout { loggedOut } }')).logout.loggedOut).toBe(true);
    for (const token of [first, second]) {
      const ended = await within(
        6_000,
        () => call(token, '{ me { id } }'),
        (response) => response.status === 401,
      );
      expect(codes(ended.value)).toEqual(['UNAUTHENTICATED']);
      expect(ended.after).toBeLessThanOrEqual(5_000);
    }
    const socket = subscribe(platform.url, second, contract.InvoiceChanged);
    expect((await socket.closed).code).toBe(4403);
    await socket.dispose();

    const third = ok(await gql(platform.url, contract.Login, { input: { email, password: PASSWORD } })).login.token as string;
    const changed = ok(
      await call(third, 'mutation($input: ChangePasswordInput!) { changePassword(input: $input) { token userErrors { code } } }', {
        input: { currentPassword: PASSWORD, newPassword: 'another long passphrase' },
      }),
    );
    expect(changed.changePassword.userErrors).toEqual([]);
    const stale = await within(
      6_000,
      () => call(third, '{ me { id } }'),
      (response) => response.status === 401,
    );
    expect(codes(stale.value)).toEqual(['UNAUTHENTICATED']);
    expect(codes(await call(changed.changePassword.token, '{ me { id } }'))).toEqual([]);
  });
});

describe('behaviour 8: API keys', () => {
  async function createKey(owner: string, input: Record<string, unknown>): Promise<{ id: string; secret: string }> {
    const { createApiKey } = await run(owner, contract.CreateApiKey, { input });
    expect(createApiKey.userErrors).toEqual([]);
    expect(createApiKey.secret).toMatch(/^tsk_[\w-]{43}$/);
    return { id: createApiKey.apiKey.id, secret: createApiKey.secret };
  }

  it('acts for its tenant within its modules: others are MODULE_NOT_ENABLED, `me` says a key is not a user, lastUsedAt moves', async () => {
    const owner = await signUp();
    await run(owner, contract.CreateContact, { input: { name: 'Seen By Key' } });
    const key = await createKey(owner, { name: 'CRM reader', modules: ['CRM'], access: 'READ' });

    const contacts = await run(key.secret, contract.Contacts, { first: 10 });
    expect(contacts.contacts.edges.map((edge: { node: { name: string } }) => edge.node.name)).toEqual(['Seen By Key']);
    const employees = await call(key.secret, '{ employees(first: 5) { totalCount } }');
    expect(codes(employees)).toEqual(['MODULE_NOT_ENABLED']);
    const me = await call(key.secret, '{ me { id } }');
    expect(codes(me)).toEqual(['FORBIDDEN']);
    expect(me.errors?.[0]?.message).toMatch(/API key, which is not a user/);
    const { apiKeys } = await run(owner, contract.ApiKeys);
    expect(apiKeys.edges).toEqual([
      {
        node: expect.objectContaining({ id: key.id, name: 'CRM reader', modules: ['CRM'], access: 'READ', lastUsedAt: expect.any(String) }),
      },
    ]);
  });

  it('READ refuses mutations with FORBIDDEN; READ_WRITE runs them, but never manages people or keys', async () => {
    const owner = await signUp();
    const reader = await createKey(owner, { name: 'Reader', modules: ['CRM', 'PAYROLL'], access: 'READ' });
    const writer = await createKey(owner, { name: 'Writer', modules: ['CRM', 'PAYROLL'], access: 'READ_WRITE' });
    expect(codes(await call(reader.secret, contract.CreateContact, { input: { name: 'Nope' } }))).toEqual(['FORBIDDEN']);
    expect(
      codes(await call(reader.secret, CREATE_PAY_RUN, { input: { periodStart: '2026-11-01', periodEnd: '2026-11-30', currency: 'USD' } })),
    ).toEqual(['FORBIDDEN']);
    expect((await run(writer.secret, contract.CreateContact, { input: { name: 'Via Key' } })).createContact.contact.name).toBe('Via Key');
    const payRun = await run(writer.secret, CREATE_PAY_RUN, {
      input: { periodStart: '2026-11-01', periodEnd: '2026-11-30', currency: 'USD' },
    });
    expect(payRun.createPayRun.userErrors).toEqual([]);
    expect(codes(await call(writer.secret, contract.CreateApiKey, { input: { name: 'Child', modules: ['CRM'], access: 'READ' } }))).toEqual(
      ['FORBIDDEN'],
    );
    expect(
      codes(await call(writer.secret, contract.InviteUser, { input: { email: `k-${randomUUID()}@example.com`, role: 'OWNER' } })),
    ).toEqual(['FORBIDDEN']);
  });

  it('a key’s modules are intersected with the tenant’s plan', async () => {
    const owner = await signUp('FREE');
    const refused = await run(owner, contract.CreateApiKey, { input: { name: 'HR', modules: ['HR'], access: 'READ' } });
    expect(refused.createApiKey.userErrors.map((error: { code: string }) => error.code)).toEqual(['INVALID_MODULES']);
  });

  it('revoked, expired, malformed and unknown keys are UNAUTHENTICATED; revocation takes effect within seconds on HTTP and WebSocket', async () => {
    const owner = await signUp();
    const key = await createKey(owner, { name: 'Short lived', modules: ['INVOICING'], access: 'READ' });
    const live = subscribe(platform.url, key.secret, contract.InvoiceChanged);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(live.payloads).toEqual([]);
    expect(codes(await call(key.secret, contract.Invoices, { first: 1 }))).toEqual([]);

    const { revokeApiKey } = await run(owner, contract.RevokeApiKey, { input: { apiKeyId: key.id } });
    expect(revokeApiKey.apiKey.revokedAt).not.toBeNull();
    const stopped = await within(
      6_000,
      () => call(key.secret, contract.Invoices, { first: 1 }),
      (response) => response.status === 401,
    );
    expect(codes(stopped.value)).toEqual(['UNAUTHENTICATED']);
    expect(stopped.after).toBeLessThanOrEqual(5_000);
    process.stdout.write(`revoked key refused after ${stopped.after} ms\n`);
    const again = subscribe(platform.url, key.secret, contract.InvoiceChanged);
    expect((await again.closed).code).toBe(4403);

    for (const bad of [`tsk_${'x'.repeat(43)}`, 'tsk_short', `tsk_${'y'.repeat(44)}`, `tsk_${'!'.repeat(43)}`]) {
      expect(codes(await call(bad, contract.Invoices, { first: 1 })), bad).toEqual(['UNAUTHENTICATED']);
    }
    await Promise.all([live.dispose(), again.dispose()]);
  });

  it('on WebSocket, a key subscribes within its modules and is refused others', async () => {
    const owner = await signUp();
    const key = await createKey(owner, { name: 'Live CRM only', modules: ['CRM'], access: 'READ_WRITE' });
    const live = subscribe(platform.url, key.secret, 'subscription { dashboardUpdated { dealsWon } }');
    const errors = await new Promise<any[]>((resolve) => {
      live.client.subscribe(
        { query: contract.InvoiceChanged },
        { next: () => undefined, error: (e) => resolve(e as any[]), complete: () => resolve([]) },
      );
    });
    expect(errors[0]?.extensions).toMatchObject({ code: 'MODULE_NOT_ENABLED' });
    await live.dispose();
  });
});
