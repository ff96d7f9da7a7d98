/**
 * Behaviours 9 and 10 through two router instances that share the router's database: rate limits
 * with RateLimit-* headers and 429 RATE_LIMITED (counted across both instances), failed logins
 * limited per email before any password hash, `extensions.cost` and QUERY_TOO_COMPLEX, and
 * idempotent mutations (20 concurrent identical recordPayment requests, spread over both routers,
 * make one payment).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@tessera/service-kit';
import { TEST_INTERNAL_SECRET } from '../../packages/testkit/src/index.js';
import { createRouter, type RunningRouter } from '../src/router.js';
import { readFileSync } from 'node:fs';
import { SUPERGRAPH_PATH } from '../src/supergraph-config.js';
import { contract } from './contract-operations.js';
import { JWT_SECRET, startPlatform, type Platform } from './platform.js';

const LIMITS = {
  userPerMinute: 30,
  anonymousPerMinute: 1_000_000,
  loginFailuresPerEmail: 3,
  loginFailuresPerAddress: 1_000_000,
  apiKeyCostBucket: 100,
  apiKeyCostRestorePerSecond: 20,
  perPlanPerMinute: { FREE: 5 },
};
let platform: Platform;
let second: RunningRouter;

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[]; extensions?: Record<string, any> };
}

async function post(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
  extra: Record<string, string> = {},
) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() } as Answer;
}

async function signUp(email = `traffic-${randomUUID()}@example.com`, password = 'a long enough password') {
  const answer = await post(platform.url, contract.SignUp, {
    input: { companyName: 'Traffic Ltd', name: 'Tia', email, password, plan: 'BUSINESS' },
  });
  expect(answer.body.errors, JSON.stringify(answer.body.errors)).toBeUndefined();
  return { token: answer.body.data.signUp.token as string, email, password };
}

beforeAll(async () => {
  platform = await startPlatform({ topology: 'http', traffic: LIMITS });
  // A second instance over the same subgraphs and the same router database (and key namespace).
  second = await createRouter({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
    subgraphUrls: Object.fromEntries(Object.entries(platform.subgraphs).map(([name, running]) => [name, running.url!])),
    jwtSecret: JWT_SECRET,
    internalSecret: TEST_INTERNAL_SECRET,
    logger: createLogger('router-2', process.env.E2E_LOG_LEVEL ?? 'silent'),
    introspection: true,
    corsOrigins: ['*'],
    traffic: { namespace: `${platform.namespace}:`, limits: LIMITS },
    maxCost: 50,
  }).listen(0);
}, 120_000);
afterAll(async () => {
  await second?.stop();
  await platform?.stop();
});

describe('rate limits (behaviour 9)', () => {
  it("counts a user's requests across both router instances, with RateLimit-* headers, then 429 RATE_LIMITED with Retry-After", async () => {
    const { token } = await signUp();
    const remaining: number[] = [];
    for (let i = 0; i < LIMITS.userPerMinute; i += 1) {
      const answer = await post(i % 2 ? second.url : platform.url, '{ me { id } }', {}, token);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('ratelimit-limit')).toBe(String(LIMITS.userPerMinute));
      expect(Number(answer.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
      remaining.push(Number(answer.headers.get('ratelimit-remaining')));
    }
    expect(remaining).toEqual(Array.from({ length: LIMITS.userPerMinute }, (_, i) => LIMITS.userPerMinute - 1 - i));
    const refused = await post(second.url, '{ me { id } }', {}, token);
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    // Another user of the platform is not affected.
    const other = await signUp();
    expect((await post(platform.url, '{ me { id } }', {}, other.token)).status).toBe(200);
  });

  it('limits per plan: a FREE tenant has its own (smaller) limit, on both routers', async () => {
    const answer = await post(platform.url, contract.SignUp, {
      input: {
        companyName: 'Free Ltd',
        name: 'Fay',
        email: `free-${randomUUID()}@example.com`,
        password: 'a long enough password',
        plan: 'FREE',
      },
    });
    const token = answer.body.data.signUp.token as string;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const reply = await post(i % 2 ? second.url : platform.url, '{ me { id } }', {}, token);
      statuses.push(reply.status);
      if (i === 0) expect(reply.headers.get('ratelimit-limit')).toBe('5');
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('refuses logins for an email after its failed attempts, before checking the password, even the right one', async () => {
    const account = await signUp();
    const login = (password: string, url = platform.url) => post(url, contract.Login, { input: { email: account.email, password } });
    for (let i = 0; i < LIMITS.loginFailuresPerEmail; i += 1) {
      const failed = await login('not the password', i % 2 ? second.url : platform.url);
      expect(failed.status).toBe(200);
      expect(failed.body.data.login.token).toBeNull();
    }
    const refused = await login(account.password);
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(60);
    // Another account logs in as usual; a successful login clears its own count.
    const other = await signUp();
    const ok = await post(second.url, contract.Login, { input: { email: other.email, password: other.password } });
    expect(ok.body.data.login.token).toEqual(expect.any(String));
  });
});

describe('query cost (behaviour 9)', () => {
  it('reports extensions.cost on every response: a connection counts its first, nested lists multiply', async () => {
    const { token } = await signUp();
    const query = (first: number) => `{ contacts(first: ${first}) { edges { node { id name } } } }`;
    const fifty = await post(platform.url, query(50), {}, token);
    expect(fifty.body.errors).toBeUndefined();
    // contacts (1) + 50 x (edges 1 + node 1)
    expect(fifty.body.extensions?.cost).toEqual({ requestedQueryCost: 101, maximumAvailable: 10_000 });
    const hundred = await post(platform.url, query(100), {}, token);
    expect(hundred.body.extensions?.cost.requestedQueryCost).toBe(201);
    const nested = await post(platform.url, '{ contacts(first: 10) { edges { node { id invoices { id contact { id } } } } } }', {}, token);
    expect(nested.body.errors).toBeUndefined();
    // contacts (1) + 10 x (edges 1 + node 1 + invoices (1 + a list of 20 x contact 1)); scalars cost nothing
    expect(nested.body.extensions?.cost.requestedQueryCost).toBe(1 + 10 * (1 + 1 + (1 + 20 * 1)));
  });

  it('refuses an operation over the maximum with QUERY_TOO_COMPLEX before any module is called', async () => {
    const { token } = await signUp();
    const refused = await post(second.url, '{ contacts(first: 50) { edges { node { id } } } }', {}, token);
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(refused.body.data).toBeUndefined();
  });
});

describe('cost throttling of API keys (issue 13 item 4)', () => {
  it('pays each operation from a leaky bucket per key shared by both routers, reports throttleStatus, and refuses with 429 and Retry-After when empty', async () => {
    const { token } = await signUp();
    const created = await post(
      platform.url,
      contract.CreateApiKey,
      { input: { name: 'Throttled', modules: ['CRM'], access: 'READ' } },
      token,
    );
    const secret = created.body.data.createApiKey.secret as string;
    const query = '{ contacts(first: 20) { totalCount edges { node { id } } } }';
    const answers: Answer[] = [];
    for (let i = 0; i < 12; i += 1) {
      const answer = await post(i % 2 ? second.url : platform.url, query, {}, secret);
      answers.push(answer);
      if (answer.status === 429) break;
    }
    const cost = answers[0]!.body.extensions!.cost.requestedQueryCost as number;
    expect(cost).toBeGreaterThan(20);
    const paid = answers.filter((answer) => answer.status === 200);
    // The bucket holds 100 and regains 20/s: about 100/cost requests pass before one is refused.
    expect(paid.length).toBeGreaterThanOrEqual(Math.floor(100 / cost));
    expect(paid.length).toBeLessThanOrEqual(Math.floor(100 / cost) + 2);
    expect(paid[0]!.body.extensions!.cost.throttleStatus).toEqual({
      maximumAvailable: 100,
      currentlyAvailable: 100 - cost,
      restoreRate: 20,
    });
    const refused = answers.at(-1)!;
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      cost: { requestedQueryCost: cost, throttleStatus: { maximumAvailable: 100, restoreRate: 20 } },
    });
    const wait = Number(refused.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(Math.ceil(cost / 20));
    await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 100));
    expect((await post(platform.url, query, {}, secret)).status).toBe(200);
    // A user's token is not cost-throttled (its per-minute limit applies).
    const asUser = await post(second.url, query, {}, token);
    expect(asUser.body.extensions?.cost.throttleStatus).toBeUndefined();
  });
});

describe('idempotent mutations (behaviour 10)', () => {
  it('runs 20 concurrent identical recordPayment requests once, across both routers, replaying the first response', async () => {
    const { token } = await signUp();
    const contact = await post(platform.url, contract.CreateContact, { input: { name: 'Ida Idempotent' } }, token);
    const invoice = await post(
      platform.url,
      contract.CreateInvoice,
      {
        input: {
          contactId: contact.body.data.createContact.contact.id,
          currency: 'EUR',
          lines: [{ description: 'Work', quantity: '1', unitPrice: '100.00' }],
        },
      },
      token,
    );
    const invoiceId = invoice.body.data.createInvoice.invoice.id as string;
    expect((await post(platform.url, contract.SendInvoice, { input: { invoiceId } }, token)).status).toBe(200);

    const key = randomUUID();
    const payment = { input: { invoiceId, amount: { amount: '10.00', currency: 'EUR' } } };
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(i % 2 ? second.url : platform.url, contract.RecordPayment, payment, token, { 'idempotency-key': key }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(new Set(answers.map((a) => JSON.stringify(a.body.data))).size).toBe(1);
    expect(answers[0]!.body.data.recordPayment).toMatchObject({ invoice: { amountDue: { amount: '90.00' } }, userErrors: [] });
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(19);

    // One payment: the invoice owes 90.00, not less.
    const read = await post(platform.url, `query($id: ID!) { invoice(id: $id) { amountDue { amount } } }`, { id: invoiceId }, token);
    expect(read.body.data.invoice.amountDue.amount).toBe('90.00');

    // The same key with a different body is refused and changes nothing; a new key pays again.
    const reused = await post(
      second.url,
      contract.RecordPayment,
      { input: { invoiceId, amount: { amount: '20.00', currency: 'EUR' } } },
      token,
      { 'idempotency-key': key },
    );
    expect(reused.status).toBe(422);
    expect(reused.body.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const again = await post(platform.url, contract.RecordPayment, payment, token, { 'idempotency-key': randomUUID() });
    expect(again.body.data.recordPayment.invoice.amountDue.amount).toBe('80.00');
  });

  it("keeps keys per caller: another user's identical key is a new request", async () => {
    const a = await signUp();
    const b = await signUp();
    const key = randomUUID();
    const create = (token: string) =>
      post(platform.url, contract.CreateContact, { input: { name: 'Same Key' } }, token, { 'idempotency-key': key });
    const first = await create(a.token);
    const other = await create(b.token);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect(other.body.data.createContact.contact.id).not.toBe(first.body.data.createContact.contact.id);
  });
});
