/**
 * Integrator access, measured (issue 13's figures): two platforms in this process over the same
 * databases and bus, A as production runs it (rate limits and query cost on, API keys cached) and B
 * without rate limits and cost analysis and with every API key asked of identity, measured in
 * alternating rounds so both see the same machine:
 *   - req/s of `contacts(first: 50)` through A and B (16 closed-loop clients): what limits and cost cost;
 *   - p50 of a small query, one client, by user token and by API key, on A (key cached) and B (key
 *     looked up): the time a key check adds, with and without the cache;
 *   - introspection (the standard query) for a module set seen for the first time and cached.
 */
import { randomUUID } from 'node:crypto';
import { getIntrospectionQuery } from 'graphql';
import { closedLoop as load, post } from './load.mjs';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function benchTraffic({ env, log, rounds = 3 }) {
  const { startHost } = await import('@tessera/host');
  const { createLogger } = await import('@tessera/service-kit');
  // @tessera/prisma reads the database settings (DATABASE_URL, DATABASE_PREFIX) from the process environment.
  Object.assign(process.env, env);
  const source = { ...process.env, LOG_LEVEL: 'error', INTROSPECTION: 'true' };
  const start = (router) =>
    startHost({ services: ['all'], source, logger: createLogger('bench-traffic', 'error'), router: { port: 0, ...router } });
  log('traffic: starting platform A (limits, cost, key cache) and B (none of them)');
  const a = await start({});
  const b = await start({ traffic: false, maxCost: false, apiKeyCacheTtlMs: 0 });
  try {
    const urlA = a.router.url;
    const urlB = b.router.url;
    const { signUp } = await post(urlA, 'mutation($i: SignUpInput!) { signUp(input: $i) { token } }', {
      i: {
        companyName: 'Traffic Bench',
        name: 'T',
        email: `traffic-${randomUUID()}@example.com`,
        password: 'bench password 2026',
        plan: 'BUSINESS',
      },
    });
    const token = signUp.token;
    for (let i = 0; i < 50; i += 1) {
      await post(
        urlA,
        'mutation($i: CreateContactInput!) { createContact(input: $i) { contact { id } } }',
        { i: { name: `Contact ${i}` } },
        token,
      );
    }
    const { createApiKey } = await post(
      urlA,
      'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }',
      { i: { name: 'bench', modules: ['CRM', 'INVOICING'], access: 'READ' } },
      token,
    );
    const key = createApiKey.secret;
    const contacts = '{ contacts(first: 50) { edges { node { id name email } } } }';
    const small = '{ contacts(first: 1) { totalCount } }';
    // Warm both (JIT, pools, caches) before any round counts.
    for (const url of [urlA, urlB]) await load(100, 8, () => post(url, contacts, {}, token));

    const figures = { rpsA: [], rpsB: [], userA: [], keyA: [], userB: [], keyB: [] };
    for (let round = 0; round < rounds; round += 1) {
      figures.rpsA.push((await load(400, 16, () => post(urlA, contacts, {}, token))).rps);
      figures.rpsB.push((await load(400, 16, () => post(urlB, contacts, {}, token))).rps);
      figures.userA.push((await load(200, 1, () => post(urlA, small, {}, token))).p50);
      figures.keyA.push((await load(200, 1, () => post(urlA, small, {}, key))).p50);
      figures.userB.push((await load(200, 1, () => post(urlB, small, {}, token))).p50);
      figures.keyB.push((await load(200, 1, () => post(urlB, small, {}, key))).p50);
    }
    const rows = [
      {
        benchmark: 'contacts(first: 50) through the router, 16 clients',
        'req/s with limits and cost': median(figures.rpsA).toFixed(1),
        'req/s without': median(figures.rpsB).toFixed(1),
        ratio: (median(figures.rpsA) / median(figures.rpsB)).toFixed(2),
      },
      {
        benchmark: 'API key check, one client, p50 ms',
        'user token (A)': median(figures.userA).toFixed(2),
        'key, cached (A)': median(figures.keyA).toFixed(2),
        'user token (B)': median(figures.userB).toFixed(2),
        'key, no cache (B)': median(figures.keyB).toFixed(2),
        'added, cached': (median(figures.keyA) - median(figures.userA)).toFixed(2),
        'added, no cache': (median(figures.keyB) - median(figures.userB)).toFixed(2),
      },
    ];
    // Introspection: each new module set is built once, then cached.
    const introspection = getIntrospectionQuery();
    const sets = [['CRM'], ['CRM', 'HR'], ['FLEET'], ['POS', 'COMMERCE'], ['PROJECTS']];
    const uncached = [];
    const cached = [];
    for (const modules of sets) {
      const { createApiKey: created } = await post(
        urlA,
        'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }',
        { i: { name: `introspect ${modules.join('+')}`, modules, access: 'READ' } },
        token,
      );
      const t0 = performance.now();
      await post(urlA, introspection, {}, created.secret);
      uncached.push(performance.now() - t0);
      cached.push((await load(20, 1, () => post(urlA, introspection, {}, created.secret))).p50);
    }
    rows.push({
      benchmark: 'introspection (standard query) through the router, ms',
      'new module set (median of 5)': median(uncached).toFixed(1),
      'cached, p50': median(cached).toFixed(1),
    });
    for (const row of rows) process.stdout.write(`${JSON.stringify(row)}\n`);
    return rows;
  } finally {
    await Promise.allSettled([a.stop(), b.stop()]);
  }
}
