/**
 * A client's mistake is a client error, never an outage: each case the attacker's probe found answering
 * SERVICE_UNAVAILABLE, INTERNAL_SERVER_ERROR or HTTP 5xx, in both topologies (the router calling the
 * modules in-process, and over HTTP).
 */
import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from './contract-operations.js';
import { gql, JWT_SECRET, ok, startPlatform, type Platform } from './platform.js';

const OUTAGES = new Set(['INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE']);

/** An HS256 token with the given claims, signed with the platform's secret (what a leaked dev secret allows). */
function forgedToken(claims: Record<string, unknown>): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${body}.${createHmac('sha256', JWT_SECRET).update(body).digest('base64url')}`;
}

describe.each(['compact', 'http'] as const)('client mistakes are client errors (%s topology)', (topology) => {
  let platform: Platform;
  let token: string;
  let tenantId: string;
  let userId: string;
  beforeAll(async () => {
    platform = await startPlatform({ topology });
    const { signUp } = ok(
      await gql(platform.url, contract.SignUp, {
        input: {
          companyName: 'Careful Co',
          name: 'C',
          email: `c-${randomUUID()}@example.com`,
          password: 'a long enough password',
          plan: 'BUSINESS',
        },
      }),
    );
    token = signUp.token!;
    tenantId = signUp.tenant!.id;
    userId = signUp.user!.id;
  });
  afterAll(() => platform?.stop());

  const expectClientError = (response: Awaited<ReturnType<typeof gql>>, code = 'BAD_USER_INPUT') => {
    expect(response.status, JSON.stringify(response)).toBeLessThan(500);
    const codes = (response.errors ?? []).map((error) => error.extensions?.code);
    expect(
      codes.some((c) => OUTAGES.has(c as string)),
      JSON.stringify(response.errors),
    ).toBe(false);
    expect(codes, JSON.stringify(response.errors)).toContain(code);
  };

  it('impossible dates, lenient or far-future instants and non-decimal amounts are BAD_USER_INPUT', async () => {
    const hire = (hiredAt: string) =>
      gql(platform.url, contract.HireEmployee, { input: { name: 'X', email: `x-${randomUUID()}@example.com`, hiredAt } }, token);
    expectClientError(await hire('2026-02-30'));
    expectClientError(await hire('0000-01-01'));
    for (const amount of ['1e5', 'NaN', '12,50', '']) {
      expectClientError(
        await gql(
          platform.url,
          contract.CreateDeal,
          { input: { title: 'D', contactId: randomUUID(), amount: { amount, currency: 'EUR' } } },
          token,
        ),
      );
    }
    for (const at of ['1', 'tomorrow', '2026-11-21', '+275760-09-13T00:00:00Z', '99999-01-01T00:00:00Z']) {
      const trip = {
        vehicleId: randomUUID(),
        driverId: randomUUID(),
        startedAt: at,
        endedAt: '2026-11-21T10:00:00Z',
        startOdometer: 1,
        endOdometer: 2,
      };
      expectClientError(
        await gql(platform.url, 'mutation($i: RecordTripInput!) { recordTrip(input: $i) { userErrors { code } } }', { i: trip }, token),
      );
    }
  });

  it('a NUL byte in any string is BAD_USER_INPUT, login included, and stores nothing', async () => {
    expectClientError(await gql(platform.url, contract.CreateContact, { input: { name: 'a\u0000b' } }, token));
    expectClientError(await gql(platform.url, contract.Login, { input: { email: 'a\u0000b@example.com', password: 'whatever it is' } }));
    const { contacts } = ok(await gql(platform.url, '{ contacts(first: 5) { totalCount } }', {}, token));
    expect(contacts.totalCount).toBe(0);
  });

  it('a subscription over HTTP, an unknown operationName and an ambiguous document are 400s', async () => {
    const post = (body: object) =>
      fetch(platform.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, ...((await r.json()) as object) }));
    expect(await post({ query: 'subscription { invoiceChanged { id } }' })).toMatchObject({
      status: 400,
      errors: [{ extensions: { code: 'BAD_REQUEST' } }],
    });
    expect(await post({ query: 'query A { me { id } }', operationName: 'B' })).toMatchObject({
      status: 400,
      errors: [{ message: 'The document has no operation named B', extensions: { code: 'BAD_REQUEST' } }],
    });
    expect(await post({ query: 'query A { me { id } } query C { me { id } }' })).toMatchObject({ status: 400 });
  });

  it('a signed token with a malformed tenant id, or one that claims to live ten years, is UNAUTHENTICATED', async () => {
    const now = Math.floor(Date.now() / 1000);
    const base = { iss: 'tessera-identity', aud: 'tessera-api', role: 'OWNER', iat: now };
    const malformed = await gql(platform.url, contract.Me, {}, forgedToken({ ...base, sub: userId, tid: 'not-a-tenant', exp: now + 600 }));
    expect(malformed.status).toBe(401);
    expect(malformed.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const tenYears = await gql(
      platform.url,
      contract.Me,
      {},
      forgedToken({ ...base, sub: userId, tid: tenantId, exp: now + 10 * 365 * 86400 }),
    );
    expect(tenYears.status).toBe(401);
    const old = await gql(
      platform.url,
      contract.Me,
      {},
      forgedToken({ ...base, sub: userId, tid: tenantId, iat: now - 3 * 86400, exp: now + 600 }),
    );
    expect(old.status).toBe(401);
    // The same claims with a sane lifetime work: the refusals above are about age and shape alone.
    const fine = await gql(platform.url, contract.Me, {}, forgedToken({ ...base, sub: userId, tid: tenantId, exp: now + 600 }));
    expect(fine.status).toBe(200);
  });
});
