import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { appConfig, ownerConfig } from '@tessera/prisma';
import { verifyAccessToken } from '@tessera/service-kit';
import { anonymousCaller, callSubgraph, expectData, newCaller, resolveEntities } from '../../../packages/testkit/src/index.js';
import { JWT_SECRET, startIdentity } from './harness.js';

let url: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  const running = await startIdentity();
  url = running.url;
  stop = running.stop;
});
afterAll(() => stop());

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) {
  token tenant { id name plan enabledModules branding { displayName primaryColor logoUrl } } user { id email name role }
  userErrors { field message code } } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token user { id email } userErrors { field message code } } }`;

const uniqueEmail = () => `owner-${randomUUID()}@example.com`;

async function signUp(overrides: Record<string, unknown> = {}) {
  const input = { companyName: 'Acme Ltd', name: 'Ada Owner', email: uniqueEmail(), password: 'correct horse battery', ...overrides };
  const data = expectData(await callSubgraph(url, anonymousCaller(), SIGN_UP, { input }));
  return { input, payload: data.signUp };
}

describe('sign-up', () => {
  it('creates a tenant with the plan modules and its owner, and returns a token for them', async () => {
    const { input, payload } = await signUp({ plan: 'FREE', email: `  Mixed.Case-${randomUUID()}@Example.COM ` });
    expect(payload.userErrors).toEqual([]);
    expect(payload.tenant).toMatchObject({ name: 'Acme Ltd', plan: 'FREE', enabledModules: ['CRM', 'INVOICING', 'BOOKING'] });
    expect(payload.tenant.branding).toEqual({ displayName: 'Acme Ltd', primaryColor: '#4f46e5', logoUrl: null });
    expect(payload.user).toMatchObject({ email: (input.email as string).trim().toLowerCase(), role: 'OWNER' });
    const check = await verifyAccessToken(payload.token, JWT_SECRET);
    expect(check).toMatchObject({ ok: true, claims: { tenantId: payload.tenant.id, userId: payload.user.id, role: 'OWNER' } });
  });

  it('gives BUSINESS tenants every module', async () => {
    const { payload } = await signUp({ plan: 'BUSINESS' });
    expect(payload.tenant.enabledModules).toHaveLength(10);
  });

  it('refuses invalid input with every problem at once, creating nothing', async () => {
    const email = `bad-${randomUUID()}`;
    const data = expectData(
      await callSubgraph(url, anonymousCaller(), SIGN_UP, {
        input: { companyName: ' ', name: 'X', email, password: 'short', defaultCurrency: 'XXQ' },
      }),
    );
    expect(data.signUp.token).toBeNull();
    expect(data.signUp.userErrors.map((e: { code: string }) => e.code).sort()).toEqual([
      'INVALID',
      'INVALID_CURRENCY',
      'INVALID_EMAIL',
      'WEAK_PASSWORD',
    ]);
    const login = expectData(await callSubgraph(url, anonymousCaller(), LOGIN, { input: { email, password: 'short' } }));
    expect(login.login.token).toBeNull();
  });

  it('refuses an email that is taken, in any letter case', async () => {
    const { input } = await signUp();
    const again = expectData(
      await callSubgraph(url, anonymousCaller(), SIGN_UP, {
        input: { ...input, email: (input.email as string).toUpperCase(), companyName: 'Other' },
      }),
    );
    expect(again.signUp.userErrors).toEqual([{ code: 'EMAIL_TAKEN', field: ['input', 'email'], message: expect.any(String) }]);
    expect(again.signUp.tenant).toBeNull();
  });

  it('stores an Argon2id hash, never the password', async () => {
    const { input, payload } = await signUp();
    const client = new pg.Client(ownerConfig('identity'));
    await client.connect();
    try {
      await client.query(`SELECT set_config('tessera.tenant_id', $1, false)`, [payload.tenant.id]);
      const { rows } = await client.query('SELECT password_hash FROM users WHERE id = $1', [payload.user.id]);
      expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(rows[0].password_hash).not.toContain(input.password);
    } finally {
      await client.end();
    }
  });
});

describe('login', () => {
  it('signs in with the right password, case-insensitively on the email', async () => {
    const { input, payload } = await signUp();
    const data = expectData(
      await callSubgraph(url, anonymousCaller(), LOGIN, {
        input: { email: (input.email as string).toUpperCase(), password: input.password },
      }),
    );
    expect(data.login.userErrors).toEqual([]);
    expect(data.login.user.id).toBe(payload.user.id);
    expect(await verifyAccessToken(data.login.token, JWT_SECRET)).toMatchObject({ ok: true });
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const { input } = await signUp();
    const wrong = expectData(
      await callSubgraph(url, anonymousCaller(), LOGIN, { input: { email: input.email, password: 'not the password' } }),
    );
    const unknown = expectData(
      await callSubgraph(url, anonymousCaller(), LOGIN, { input: { email: uniqueEmail(), password: 'whatever123' } }),
    );
    expect(wrong.login).toEqual(unknown.login);
    expect(wrong.login).toEqual({
      token: null,
      user: null,
      userErrors: [{ code: 'INVALID_CREDENTIALS', field: null, message: 'Email or password is incorrect' }],
    });
  });
});

describe('me and branding', () => {
  it('returns the caller and tenant, and lets an owner change branding with validation', async () => {
    const { payload } = await signUp();
    const caller = newCaller({ tenantId: payload.tenant.id, userId: payload.user.id, role: 'OWNER' });
    const me = expectData(await callSubgraph(url, caller, '{ me { id email role tenant { id name branding { displayName } } } }'));
    expect(me.me).toMatchObject({ id: payload.user.id, tenant: { id: payload.tenant.id, branding: { displayName: 'Acme Ltd' } } });

    const UPDATE =
      'mutation($input: UpdateBrandingInput!) { updateBranding(input: $input) { tenant { branding { displayName primaryColor logoUrl } } userErrors { code field } } }';
    const bad = expectData(
      await callSubgraph(url, caller, UPDATE, { input: { primaryColor: 'red', logoUrl: 'http://insecure.example/logo.png' } }),
    );
    expect(bad.updateBranding.userErrors.map((e: { code: string }) => e.code).sort()).toEqual(['INVALID_COLOR', 'INVALID_URL']);
    const good = expectData(
      await callSubgraph(url, caller, UPDATE, {
        input: { displayName: 'Acme', primaryColor: '#112233', logoUrl: 'https://cdn.example/logo.png' },
      }),
    );
    expect(good.updateBranding.tenant.branding).toEqual({
      displayName: 'Acme',
      primaryColor: '#112233',
      logoUrl: 'https://cdn.example/logo.png',
    });

    // The permission table refuses a member before any resolver runs (behaviour 7): nothing changes.
    const member = await callSubgraph(url, { ...caller, role: 'MEMBER' }, UPDATE, { input: { displayName: 'Hacked' } });
    expect(member.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    const after = expectData(await callSubgraph(url, caller, '{ tenant { branding { displayName } } }'));
    expect(after.tenant.branding.displayName).toBe('Acme');
  });
});

describe('tenant isolation', () => {
  it('never shows one tenant the users or tenant of another, by any path', async () => {
    const a = (await signUp()).payload;
    const b = (await signUp()).payload;
    const callerB = newCaller({ tenantId: b.tenant.id, userId: b.user.id });
    const entities = expectData(
      await resolveEntities(
        url,
        callerB,
        [
          { __typename: 'User', id: a.user.id },
          { __typename: 'Tenant', id: a.tenant.id },
          { __typename: 'User', id: b.user.id },
        ],
        '... on User { id email } ... on Tenant { id name }',
      ),
    );
    expect(entities._entities).toEqual([null, null, { id: b.user.id, email: b.user.email }]);
    // A token of tenant B naming A's user as its user finds nobody.
    const forged = await callSubgraph(url, newCaller({ tenantId: b.tenant.id, userId: a.user.id }), '{ me { id } }');
    expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers null for malformed ids in entity references (they never reach SQL), beside the ids that resolve', async () => {
    const b = (await signUp()).payload;
    const callerB = newCaller({ tenantId: b.tenant.id, userId: b.user.id });
    const response = await resolveEntities(
      url,
      callerB,
      [
        { __typename: 'User', id: 'not-a-uuid' },
        { __typename: 'Tenant', id: "'; DROP TABLE tenants; --" },
        { __typename: 'User', id: '' },
        { __typename: 'Tenant', id: b.tenant.id },
      ],
      '... on User { id } ... on Tenant { id }',
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?._entities).toEqual([null, null, null, { id: b.tenant.id }]);
  });

  it('refuses requests without a valid signed context, and anonymous callers outside sign-up/login', async () => {
    const unsigned = await callSubgraph(url, null, '{ me { id } }');
    expect(unsigned.status).toBe(401);
    expect(unsigned.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tessera-context': 'e30.forged' },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(forged.status).toBe(401);
    const anonymous = await callSubgraph(url, anonymousCaller(), '{ me { id } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const sneaky = await callSubgraph(
      url,
      anonymousCaller(),
      'mutation { login(input: {email: "a@b.co", password: "x"}) { token } updateBranding(input: {displayName: "x"}) { userErrors { code } } }',
    );
    expect(sneaky.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('the app role sees no rows without a tenant, only its tenant with one, and cannot write into another', async () => {
    const a = (await signUp()).payload;
    const b = (await signUp()).payload;
    const client = new pg.Client(appConfig('identity'));
    await client.connect();
    try {
      expect((await client.query('SELECT count(*)::int AS n FROM users')).rows[0].n).toBe(0);
      expect((await client.query('SELECT count(*)::int AS n FROM tenants')).rows[0].n).toBe(0);
      await client.query('BEGIN');
      await client.query(`SELECT set_config('tessera.tenant_id', $1, true)`, [a.tenant.id]);
      const visible = await client.query('SELECT tenant_id FROM users');
      expect(visible.rows.map((row) => row.tenant_id)).toEqual([a.tenant.id]);
      expect((await client.query('UPDATE users SET name = $1 WHERE id = $2', ['Mallory', b.user.id])).rowCount).toBe(0);
      expect((await client.query('DELETE FROM users WHERE id = $1', [b.user.id])).rowCount).toBe(0);
      await expect(
        client.query(
          `INSERT INTO users (id, tenant_id, email, name, role, password_hash, updated_at) VALUES ($1, $2, $3, 'M', 'OWNER', 'x', now())`,
          [randomUUID(), b.tenant.id, uniqueEmail()],
        ),
      ).rejects.toThrow(/row-level security/);
      await client.query('ROLLBACK');
      // The setting was local to the transaction: the pooled connection carries nothing over.
      expect((await client.query(`SELECT current_setting('tessera.tenant_id', true) AS t`)).rows[0].t ?? '').toBe('');
      expect((await client.query('SELECT count(*)::int AS n FROM users')).rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  });

  it('login lookup is the one narrow path: it returns only id, tenant and hash for one email', async () => {
    const a = (await signUp()).payload;
    const client = new pg.Client(appConfig('identity'));
    await client.connect();
    try {
      const { rows, fields } = await client.query('SELECT * FROM identity_login_lookup($1)', [a.user.email]);
      expect(fields.map((f) => f.name)).toEqual(['user_id', 'tenant_id', 'password_hash']);
      expect(rows).toEqual([{ user_id: a.user.id, tenant_id: a.tenant.id, password_hash: expect.stringMatching(/^\$argon2id/) }]);
      await expect(client.query('SET ROLE tessera_login')).rejects.toThrow(/permission denied/);
    } finally {
      await client.end();
    }
  });
});
