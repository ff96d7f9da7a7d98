#!/usr/bin/env node
// `npm run bench`: starts the platform on its own databases (prefix tessera_bench), loads a tenant
// through the API, and prints latency and throughput of typical requests through the router, the
// dashboard's bundle size and its login → rendered overview time in headless Chromium.
// Numbers, not assertions: compare them between changes on the same machine.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findDatabase } from './lib/database.mjs';
import { findNats } from './lib/nats.mjs';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { closedLoop, percentile, post } from './lib/load.mjs';
import { startProcesses } from './lib/platform.mjs';
import { benchLoginToOverview, dashboardBundleSize } from './lib/bench-dashboard.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const log = (message) => process.stdout.write(`[bench] ${message}\n`);
const port = Number(process.env.BENCH_PORT ?? 4100);
const url = `http://127.0.0.1:${port}/graphql`;

const call = (query, variables = {}, token) => post(url, query, variables, token);

async function measure(name, count, concurrency, run) {
  const { rps, p50, p99 } = await closedLoop(count, concurrency, run);
  const row = {
    benchmark: name,
    requests: count,
    concurrency,
    'req/s': rps.toFixed(1),
    'p50 ms': p50.toFixed(1),
    'p99 ms': p99.toFixed(1),
  };
  process.stdout.write(`${JSON.stringify(row)}\n`);
  return row;
}

/**
 * The event flow end to end: N deals are marked won as fast as 8 clients can; each crm.deal.won goes
 * outbox -> relay -> JetStream -> invoicing (a DRAFT invoice) and payroll (an ACCRUED commission).
 * Reports effects per second over the whole burst and, per deal, the delay from the deal's commit
 * (closedAt) to the later of its invoice and its commission being committed.
 */
async function benchEvents(token, contactId) {
  const deals = 400;
  const { hireEmployee } = await call(
    'mutation($i: HireEmployeeInput!) { hireEmployee(input: $i) { employee { id } } }',
    { i: { name: 'Bench Seller', email: `seller-${randomUUID()}@example.com` } },
    token,
  );
  const ids = [];
  for (let i = 0; i < deals; i += 1) {
    const data = await call(
      'mutation($i: CreateDealInput!) { createDeal(input: $i) { deal { id } } }',
      { i: { title: `Bench deal ${i}`, contactId, ownerId: hireEmployee.employee.id, amount: { amount: '1000.00', currency: 'EUR' } } },
      token,
    );
    ids.push(data.createDeal.deal.id);
  }
  const started = Date.now();
  const won = await measure('markDealWon (emits crm.deal.won)', deals, 8, (i) =>
    call('mutation($i: MarkDealWonInput!) { markDealWon(input: $i) { deal { id } } }', { i: { dealId: ids[i] } }, token),
  );
  rows.push(won);
  await waitForEffects(token, deals);
  const burst = await delaysOf(token, ids);
  // Then one deal at a time on an idle platform: the latency a user sees.
  const idleIds = [];
  for (let i = 0; i < 20; i += 1) {
    const data = await call(
      'mutation($i: CreateDealInput!) { createDeal(input: $i) { deal { id } } }',
      { i: { title: `Idle deal ${i}`, contactId, ownerId: hireEmployee.employee.id, amount: { amount: '10.00', currency: 'EUR' } } },
      token,
    );
    idleIds.push(data.createDeal.deal.id);
    await call(
      'mutation($i: MarkDealWonInput!) { markDealWon(input: $i) { deal { id } } }',
      { i: { dealId: data.createDeal.deal.id } },
      token,
    );
    await waitForEffects(token, deals + i + 1);
  }
  const idle = await delaysOf(token, idleIds);
  const row = {
    benchmark: 'deal won -> invoice + commission committed (events end to end)',
    deals,
    'effects/s under burst': (deals / ((burst.lastEffect - started) / 1000)).toFixed(1),
    'burst p50 commit->effect ms': percentile(burst.delays, 50).toFixed(0),
    'burst p99 commit->effect ms': percentile(burst.delays, 99).toFixed(0),
    'idle p50 commit->effect ms': percentile(idle.delays, 50).toFixed(0),
    'idle p99 commit->effect ms': percentile(idle.delays, 99).toFixed(0),
  };
  process.stdout.write(`${JSON.stringify(row)}\n`);
  return row;
}
const rssOf = (pid) =>
  Number(
    execFileSync('ps', ['-o', 'rss=', '-p', String(pid)])
      .toString()
      .trim(),
  ) * 1024;
/** The process the router runs in (the whole platform's, in the compact topology). */
const routerPid = () => (platform.processes.get('router') ?? platform.processes.get('tessera'))?.pid;

/**
 * Live subscriptions with 1,000 subscribers on 10 tenants (per tenant: 90 on invoiceChanged, 10 on
 * dashboardUpdated). For payments in one tenant: the delay from recordPayment returning to each of
 * that tenant's subscribers receiving the update (the invoice PAID; the dashboard's revenue moved),
 * and the router's memory per connection.
 */
async function benchLive() {
  const tenants = [];
  for (let t = 0; t < 10; t += 1) {
    const { signUp } = await call('mutation($i: SignUpInput!) { signUp(input: $i) { token } }', {
      i: {
        companyName: `Live ${t}`,
        name: 'Live',
        email: `live-${randomUUID()}@example.com`,
        password: 'bench password 2026',
        plan: 'BUSINESS',
        defaultCurrency: 'EUR',
      },
    });
    tenants.push(signUp.token);
  }
  const pid = routerPid();
  const rssBefore = rssOf(pid);
  const listeners = [];
  const clients = [];
  for (const [t, token] of tenants.entries()) {
    for (let i = 0; i < 100; i += 1) {
      const client = createClient({
        url: url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        lazy: false,
        retryAttempts: 5,
      });
      clients.push(client);
      const kind = i < 90 ? 'invoice' : 'dashboard';
      const query =
        kind === 'invoice' ? 'subscription { invoiceChanged { id status } }' : 'subscription { dashboardUpdated { revenue { amount } } }';
      const listener = { t, kind, received: [] };
      listeners.push(listener);
      client.subscribe(
        { query },
        { next: (value) => listener.received.push({ at: performance.now(), value }), error: () => {}, complete: () => {} },
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await new Promise((r) => setTimeout(r, 3000));
  const rssAfter = rssOf(pid);

  const token = tenants[0];
  const { createContact } = await call(
    'mutation($i: CreateContactInput!) { createContact(input: $i) { contact { id } } }',
    { i: { name: 'Live payer' } },
    token,
  );
  const payments = 30;
  const invoiceDelays = [];
  const dashboardDelays = [];
  const mine = listeners.filter((l) => l.t === 0);
  for (let n = 0; n < payments; n += 1) {
    const { createInvoice } = await call(
      'mutation($i: CreateInvoiceInput!) { createInvoice(input: $i) { invoice { id } } }',
      { i: { contactId: createContact.contact.id, currency: 'EUR', lines: [{ description: 'Live', quantity: '1', unitPrice: '10.00' }] } },
      token,
    );
    const invoiceId = createInvoice.invoice.id;
    await call('mutation($i: SendInvoiceInput!) { sendInvoice(input: $i) { invoice { id } } }', { i: { invoiceId } }, token);
    await new Promise((r) => setTimeout(r, 300));
    const marks = new Map(mine.map((l) => [l, l.received.length]));
    const revenueBefore = mine.find((l) => l.kind === 'dashboard').received.at(-1)?.value.data.dashboardUpdated.revenue.amount ?? '0';
    await call(
      'mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { invoice { id } } }',
      { i: { invoiceId, amount: { amount: '10.00', currency: 'EUR' } } },
      token,
    );
    const t0 = performance.now();
    const deadline = Date.now() + 10_000;
    const pendingListeners = new Set(mine);
    while (pendingListeners.size > 0 && Date.now() < deadline) {
      for (const l of pendingListeners) {
        const fresh = l.received.slice(marks.get(l));
        const hit =
          l.kind === 'invoice'
            ? fresh.find((r) => r.value.data?.invoiceChanged?.id === invoiceId && r.value.data.invoiceChanged.status === 'PAID')
            : fresh.find((r) => r.value.data?.dashboardUpdated?.revenue.amount !== revenueBefore);
        if (hit) {
          (l.kind === 'invoice' ? invoiceDelays : dashboardDelays).push(hit.at - t0);
          pendingListeners.delete(l);
        }
      }
      await new Promise((r) => setTimeout(r, 2));
    }
  }
  // Nothing of tenant 0 reached another tenant's subscribers.
  const leaked = listeners.filter((l) => l.t !== 0 && l.received.length > 0).length;
  await Promise.all(clients.map((client) => client.dispose()));
  invoiceDelays.sort((a, b) => a - b);
  dashboardDelays.sort((a, b) => a - b);
  const row = {
    benchmark: 'live: recordPayment -> subscribers receive it (1,000 subscribers, 10 tenants)',
    payments,
    'invoiceChanged receipts': invoiceDelays.length,
    'invoiceChanged p50 ms': percentile(invoiceDelays, 50).toFixed(0),
    'invoiceChanged p99 ms': percentile(invoiceDelays, 99).toFixed(0),
    'dashboardUpdated receipts': dashboardDelays.length,
    'dashboardUpdated p50 ms': percentile(dashboardDelays, 50).toFixed(0),
    'dashboardUpdated p99 ms': percentile(dashboardDelays, 99).toFixed(0),
    'router KiB per connection': ((rssAfter - rssBefore) / 1024 / 1000).toFixed(1),
    'payloads leaked to other tenants': leaked,
  };
  process.stdout.write(`${JSON.stringify(row)}\n`);
  return row;
}

async function waitForEffects(token, expected) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const { invoices, commissions } = await call('{ invoices(first: 1) { totalCount } commissions(first: 1) { totalCount } }', {}, token);
    if (invoices.totalCount >= expected && commissions.totalCount >= expected) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`events did not produce ${expected} invoices and commissions within 120 s`);
}

/** Per deal: from its commit (closedAt) to the later of its invoice's and its commission's commit. */
async function delaysOf(token, ids) {
  const accrued = new Map();
  for (let after = null; ;) {
    const { commissions } = await call(
      'query($after: String) { commissions(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { accruedAt deal { id } } } } }',
      { after },
      token,
    );
    for (const { node } of commissions.edges) accrued.set(node.deal.id, Date.parse(node.accruedAt));
    if (!commissions.pageInfo.hasNextPage) break;
    after = commissions.pageInfo.endCursor;
  }
  const delays = [];
  let lastEffect = 0;
  for (let i = 0; i < ids.length; i += 25) {
    const query = `{ ${ids
      .slice(i, i + 25)
      .map((id, n) => `d${n}: deal(id: "${id}") { id closedAt invoice { createdAt } }`)
      .join(' ')} }`;
    for (const deal of Object.values(await call(query, {}, token))) {
      const effect = Math.max(Date.parse(deal.invoice.createdAt), accrued.get(deal.id));
      lastEffect = Math.max(lastEffect, effect);
      delays.push(effect - Date.parse(deal.closedAt));
    }
  }
  delays.sort((a, b) => a - b);
  return { delays, lastEffect };
}

const database = await findDatabase(root, log);
const nats = await findNats(root, log);
// Its own databases and its own streams (namespace bench), next to whatever else uses the servers.
const env = {
  DATABASE_URL: database.url,
  DATABASE_PREFIX: 'tessera_bench',
  NATS_URL: nats.url,
  // Its streams live under a namespace of their own, which the per-module permissions do not name: on a
  // server started here (with a user per module) the bench connects as the operator.
  ...(nats.env.NATS_PASSWORD_OPERATOR ? { NATS_USER: 'operator', NATS_PASSWORD: nats.env.NATS_PASSWORD_OPERATOR } : {}),
  EVENTS_NAMESPACE: 'bench',
  // The bench drives one user far beyond a production limit: the rate limits are set out of its way
  // (the traffic table measures them on and off).
  RATE_LIMIT_USER_PER_MINUTE: '1000000000',
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000000000',
  LOGIN_FAILURES_PER_ADDRESS: '1000000000',
  LOG_LEVEL: 'error',
  // Production behaviour where it costs (no introspection, no suggestions), without production's refusal of
  // the development secrets and role passwords this machine's databases use.
  INTROSPECTION: 'false',
};
execFileSync(process.execPath, [resolve(root, 'prisma/dist/cli.js'), 'migrate'], {
  cwd: root,
  env: { ...process.env, ...env },
  stdio: 'ignore',
});
// BENCH_SECTIONS picks what runs (default all): platform (npm start's stack under load), webhooks
// (deliveries through that stack; needs platform), traffic (integrator access: limits, cost, API keys,
// introspection), modules (many synthetic modules).
const sections = new Set((process.env.BENCH_SECTIONS ?? 'platform,webhooks,traffic,modules').split(',').map((name) => name.trim()));
// BENCH_TOPOLOGY=services runs one process per module, as compose does; the default is npm start's compact one.
const topology = process.env.BENCH_TOPOLOGY === 'services' ? 'services' : 'compact';
const platform =
  sections.has('platform') || sections.has('webhooks')
    ? await startProcesses({ root, env, port, log, topology, quiet: process.env.BENCH_VERBOSE !== '1' })
    : null;
const rows = [];
const report = (row) => {
  process.stdout.write(`${JSON.stringify(row)}\n`);
  return row;
};
if (platform) rows.push(report(dashboardBundleSize(root)));
const webhooksPid = () => (platform.processes.get('webhooks') ?? platform.processes.get('tessera'))?.pid;
if (platform && !sections.has('platform'))
  try {
    const { benchWebhooks } = await import('./lib/bench-webhooks.mjs');
    rows.push(...(await benchWebhooks({ url, pid: webhooksPid(), log })));
  } finally {
    await platform.stop();
  }
else if (platform)
  try {
    const email = `bench-${randomUUID()}@example.com`;
    const password = 'bench password 2026';
    const { signUp } = await call('mutation($i: SignUpInput!) { signUp(input: $i) { token } }', {
      i: { companyName: 'Bench Co', name: 'Bench', email, password, plan: 'BUSINESS' },
    });
    const token = signUp.token;

    const contactIds = [];
    rows.push(
      await measure('createContact', 200, 8, async (i) => {
        const data = await call(
          'mutation($i: CreateContactInput!) { createContact(input: $i) { contact { id } } }',
          { i: { name: `Contact ${i}`, companyName: `Company ${i % 20}` } },
          token,
        );
        contactIds.push(data.createContact.contact.id);
      }),
    );
    const invoiceIds = [];
    rows.push(
      await measure('createInvoice (2 lines)', 200, 8, async (i) => {
        const data = await call(
          'mutation($i: CreateInvoiceInput!) { createInvoice(input: $i) { invoice { id } } }',
          {
            i: {
              contactId: contactIds[i % 50],
              currency: 'EUR',
              lines: [
                { description: 'Work', quantity: '3', unitPrice: '120.50', taxRate: '20' },
                { description: 'Parts', quantity: '1', unitPrice: '19.99' },
              ],
            },
          },
          token,
        );
        invoiceIds.push(data.createInvoice.invoice.id);
      }),
    );
    rows.push(
      await measure('sendInvoice (gap-free number, concurrent)', 200, 8, (i) =>
        call(
          'mutation($i: SendInvoiceInput!) { sendInvoice(input: $i) { invoice { number } } }',
          { i: { invoiceId: invoiceIds[i] } },
          token,
        ),
      ),
    );
    rows.push(await measure('me', 300, 8, () => call('{ me { id tenant { name } } }', {}, token)));
    rows.push(
      await measure('contacts(first: 50) { invoices { id } } (crm + invoicing)', 300, 8, () =>
        call('{ contacts(first: 50) { edges { node { id name invoices { id } outstandingBalance { amount } } } } }', {}, token),
      ),
    );
    rows.push(await benchEvents(token, contactIds[0]));
    rows.push(await benchLive());
    if (sections.has('webhooks')) {
      const { benchWebhooks } = await import('./lib/bench-webhooks.mjs');
      rows.push(...(await benchWebhooks({ url, pid: webhooksPid(), log })));
    }
    rows.push(report(await benchLoginToOverview({ apiUrl: url, email, password })));
    rows.push(
      await measure('login (Argon2id)', 40, 2, () =>
        call('mutation($i: LoginInput!) { login(input: $i) { token } }', { i: { email, password } }),
      ),
    );
    const memory = execFileSync('ps', ['-o', 'rss=', '--ppid', String(process.pid)])
      .toString()
      .trim()
      .split(/\s+/)
      .map(Number);
    process.stdout.write(
      `${JSON.stringify({ benchmark: `memory of the running stack (${topology} topology)`, 'total RSS MiB': (memory.reduce((a, b) => a + b, 0) / 1024).toFixed(0), processes: memory.length })}\n`,
    );
  } finally {
    await platform.stop();
  }
try {
  if (sections.has('traffic')) {
    const { benchTraffic } = await import('./lib/bench-traffic.mjs');
    rows.push(...(await benchTraffic({ env, log })));
  }
  // Toward the 208 modules of the platform Tessera is modelled on (BENCH_MODULES=0 skips it).
  const synthetic = Number(process.env.BENCH_MODULES ?? 50);
  if (synthetic > 0 && sections.has('modules')) {
    const { benchManyModules } = await import('./lib/bench-modules.mjs');
    await benchManyModules({
      root,
      log,
      count: synthetic,
      natsUrl: nats.url,
      natsEnv: env.NATS_USER ? { NATS_USER: env.NATS_USER, NATS_PASSWORD: env.NATS_PASSWORD } : {},
    });
  }
} finally {
  await nats.stop();
  await database.stop();
}
