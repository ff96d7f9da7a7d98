/**
 * The platform as `npm start` runs it: every module and the router as its own process from the
 * built code (dist), with NODE_ENV unset (as in production, not as under test), under the network
 * guard. Checks what only real processes show:
 * - nothing reaches beyond loopback by itself (the guard records every attempt of every process);
 * - every service's /health and /ready answer, and /ready names a dependency that is down;
 * - SIGTERM in the middle of an event burst: the producer and the consumers drain and exit 0 within
 *   the drain budget, and after a restart every effect (invoice, commission, analytics count)
 *   exists exactly once;
 * - /metrics on every service, scraped after real traffic.
 */
import { createServer } from 'node:net';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deleteNamespaceStreams,
  guardedNodeOptions,
  networkGuardLog,
  testNamespace,
  TEST_NATS_URL,
} from '../../packages/testkit/src/index.js';
import { contract } from './contract-operations.js';
import { gql, ok } from './platform.js';
// @ts-expect-error plain ES module of the scripts (no types)
import { startProcesses } from '../../scripts/lib/platform.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SERVICES = [
  'identity',
  'crm',
  'invoicing',
  'hr',
  'payroll',
  'analytics',
  'projects',
  'booking',
  'commerce',
  'pos',
  'fleet',
  'router',
];

/** Free loopback ports, one per name. */
/**
 * Free ports below the kernel's ephemeral range (32768 and up): a port taken with listen(0) by
 * another test running meanwhile can never be one of these, so no other process answers in a service's place.
 */
async function freePorts(names: string[]): Promise<Record<string, number>> {
  const ports: Record<string, number> = {};
  const taken = new Set<number>();
  const bindable = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
  for (const name of names) {
    for (let attempt = 0; ports[name] === undefined; attempt += 1) {
      if (attempt === 200) throw new Error('no free port found between 20000 and 32000');
      const port = 20_000 + Math.floor(Math.random() * 12_000);
      if (!taken.has(port) && (await bindable(port))) {
        taken.add(port);
        ports[name] = port;
      }
    }
  }
  return ports;
}

function withoutNodeEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_ENV: _unset, ...rest } = env;
  return rest;
}

interface Processes {
  routerUrl: string;
  restart(name: string): Promise<void>;
  signal(name: string, signal?: string): Promise<{ code: number | null; signal?: string | null; ms: number }>;
  stop(): Promise<void>;
}

const namespace = testNamespace('proc');
const guardLog = networkGuardLog(process.pid).replace(/\.jsonl$/, '-processes.jsonl');
let ports: Record<string, number>;
let platform: Processes;
let url: string;
const readyTimes: Record<string, number> = {};

beforeAll(async () => {
  ports = await freePorts(SERVICES);
  platform = await startProcesses({
    root: ROOT,
    topology: 'services',
    port: ports.router,
    ports,
    quiet: true,
    log: () => {},
    onReady: (name: string, ms: number) => (readyTimes[name] = ms),
    env: {
      // As in production: no NODE_ENV=test anywhere (Apollo Server and others change behaviour under test).
      NODE_ENV: undefined,
      NATS_URL: TEST_NATS_URL,
      EVENTS_NAMESPACE: namespace,
      LOG_LEVEL: 'warn',
      SHUTDOWN_TIMEOUT_MS: '20000',
      NODE_OPTIONS: guardedNodeOptions(),
      NETWORK_GUARD_LOG: guardLog,
    },
  });
  url = `http://127.0.0.1:${ports.router}/graphql`;
}, 180_000);

afterAll(async () => {
  await platform?.stop();
  await deleteNamespaceStreams(namespace, TEST_NATS_URL);
});

async function signUp() {
  const data = ok(
    await gql(url, contract.SignUp, {
      input: {
        companyName: 'Drain Ltd',
        name: 'Dora Owner',
        email: `owner-${randomUUID()}@example.com`,
        password: 'a long enough password',
        plan: 'BUSINESS',
      },
    }),
  );
  return data.signUp.token as string;
}

const call = (token: string, query: string, variables: Record<string, unknown> = {}) => gql(url, query, variables, token).then(ok<any>);

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  return value;
}

describe('the platform as one process per module and the router (NODE_ENV unset)', () => {
  it('starts every service ready: /health alive, /ready with each dependency up', async () => {
    process.stdout.write(`ready after (ms): ${JSON.stringify(readyTimes)}\n`);
    for (const name of SERVICES) {
      const health = await fetch(`http://127.0.0.1:${ports[name]}/health`);
      expect(health.status, name).toBe(200);
      const ready = await fetch(`http://127.0.0.1:${ports[name]}/ready`);
      const body = (await ready.json()) as { status: string; checks: Record<string, { status: string }> };
      expect({ name, status: ready.status, ready: body.status }).toEqual({ name, status: 200, ready: 'ready' });
      const expected =
        name === 'router' ? ['identity', 'nats', 'store', 'supergraph'] : name === 'identity' ? ['database'] : ['database', 'nats'];
      expect(Object.keys(body.checks).sort(), name).toEqual(expected);
      for (const check of Object.values(body.checks)) expect(check.status).toBe('up');
    }
  });

  it('says which dependency is down: /ready 503 with the database down while /health stays 200', async () => {
    const { spawn } = await import('node:child_process');
    const [port] = Object.values(await freePorts(['identity-without-database']));
    const child = spawn(process.execPath, [`${ROOT}packages/host/dist/main.js`], {
      env: {
        ...withoutNodeEnv(process.env),
        TESSERA_MODULES: 'identity',
        IDENTITY_PORT: String(port),
        DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/postgres',
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const health = await eventually(
        () =>
          fetch(`http://127.0.0.1:${port}/health`).then(
            (r) => r.status,
            () => 0,
          ),
        (status) => status === 200 || child.exitCode !== null,
        30_000,
      );
      expect(child.exitCode, stderr).toBeNull();
      expect(health).toBe(200);
      const ready = await fetch(`http://127.0.0.1:${port}/ready`);
      const body = (await ready.json()) as { status: string; checks: Record<string, { status: string; error?: string }> };
      expect(ready.status).toBe(503);
      expect(body.status).toBe('not_ready');
      expect(body.checks.database?.status).toBe('down');
      expect(body.checks.database?.error).toBeTruthy();
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('SIGTERM during an event burst: producer and consumers drain and exit 0; after restart every effect exists exactly once', async () => {
    const token = await signUp();
    const { hireEmployee } = await call(token, contract.HireEmployee, {
      input: { name: 'Sam Seller', email: `sam.${randomUUID().slice(0, 6)}@example.com`, jobTitle: 'Account executive' },
    });
    const { createContact } = await call(token, contract.CreateContact, { input: { name: 'Burst Buyer', companyName: 'Burst Co' } });
    const deals = 120;
    const ids: string[] = [];
    for (let i = 0; i < deals; i += 1) {
      const { createDeal } = await call(token, contract.CreateDeal, {
        input: {
          title: `Burst ${i}`,
          contactId: createContact.contact!.id,
          ownerId: hireEmployee.employee.id,
          amount: { amount: '100.00', currency: 'EUR' },
          stage: 'NEGOTIATION',
        },
      });
      ids.push(createDeal.deal.id);
    }
    // The burst: every deal won as fast as 8 clients can, and while it runs, SIGTERM to the
    // consumers (invoicing, payroll, analytics) once some effects exist, and to CRM (the producer,
    // whose relay must publish what is committed) once every win is committed.
    let next = 0;
    const winning = Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < ids.length) await call(token, contract.MarkDealWon, { input: { dealId: ids[next++] } });
      }),
    );
    await eventually(
      () => call(token, '{ invoices(first: 1) { totalCount } }'),
      (data) => data.invoices.totalCount >= 10,
    );
    const consumersStopped = await Promise.all(['invoicing', 'payroll', 'analytics'].map((name) => platform.signal(name, 'SIGTERM')));
    await winning;
    const producerStopped = await platform.signal('crm', 'SIGTERM');
    const drains = { invoicing: consumersStopped[0], payroll: consumersStopped[1], analytics: consumersStopped[2], crm: producerStopped };
    process.stdout.write(`SIGTERM during the burst (exit code, drain ms): ${JSON.stringify(drains)}\n`);
    for (const [name, result] of Object.entries(drains)) expect({ name, code: result.code }).toEqual({ name, code: 0 });
    for (const result of Object.values(drains)) expect(result.ms).toBeLessThan(20_000);

    await Promise.all(['crm', 'invoicing', 'payroll', 'analytics'].map((name) => platform.restart(name)));
    const today = new Date().toISOString().slice(0, 10);
    const effects = await eventually(
      () =>
        call(
          token,
          `query($range: DateRangeInput!) { invoices(first: 1) { totalCount } commissions(first: 1) { totalCount } dashboard(range: $range) { dealsWon } }`,
          { range: { from: today, to: today } },
        ),
      (data) => data.invoices.totalCount >= deals && data.commissions.totalCount >= deals && data.dashboard.dealsWon >= deals,
    );
    // A little longer: a duplicate would show up now, if it were to.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const settled = await call(
      token,
      `query($range: DateRangeInput!) { invoices(first: 1) { totalCount } commissions(first: 1) { totalCount } dashboard(range: $range) { dealsWon } }`,
      { range: { from: today, to: today } },
    );
    expect(settled).toEqual(effects);
    expect(settled).toEqual({ invoices: { totalCount: deals }, commissions: { totalCount: deals }, dashboard: { dealsWon: deals } });
  });

  it('serves Prometheus metrics on every service, with the traffic of the tests above', async () => {
    const scrape = async (name: string) => {
      const response = await fetch(`http://127.0.0.1:${ports[name]}/metrics`);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      return response.text();
    };
    const value = (text: string, pattern: RegExp) =>
      text
        .split('\n')
        .filter((line) => pattern.test(line))
        .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
    const router = await scrape('router');
    expect(
      value(router, /^tessera_graphql_request_duration_seconds_count\{service="router",operation="MarkDealWon",type="mutation"\}/),
    ).toBeGreaterThanOrEqual(120);
    expect(value(router, /^tessera_subgraph_request_duration_seconds_count\{subgraph="crm",outcome="ok"\}/)).toBeGreaterThan(0);
    expect(router).toMatch(/^tessera_live_connections 0$/m);
    expect(router).toMatch(/^process_resident_memory_bytes \d+/m);
    const invoicing = await scrape('invoicing');
    expect(value(invoicing, /^tessera_events_consumed_total\{consumer="invoicing-deal-invoice",outcome="applied"\}/)).toBeGreaterThan(0);
    expect(invoicing).toMatch(/^tessera_consumer_pending_messages\{consumer="invoicing-deal-invoice"\} 0$/m);
    expect(invoicing).toMatch(/^tessera_outbox_pending_events\{module="invoicing"\} \d+$/m);
    expect(invoicing).toMatch(/^tessera_db_pool_connections\{module="invoicing",state="total"\} \d+$/m);
    expect(invoicing).toMatch(/^tessera_dead_letters\{module="invoicing"\} 0$/m);
    // HR served the hire and published employee.hired (CRM was restarted above: its counters began again).
    const hr = await scrape('hr');
    expect(value(hr, /^tessera_graphql_request_duration_seconds_count\{service="hr",operation="HireEmployee"/)).toBeGreaterThan(0);
    expect(value(hr, /^tessera_events_published_total\{module="hr"\}/)).toBeGreaterThan(0);
    expect(hr).toMatch(/^tessera_outbox_oldest_pending_seconds\{module="hr"\} /m);
    process.stdout.write(
      `router /metrics sample:\n${router
        .split('\n')
        .filter((l) => /^tessera_/.test(l) && !l.includes('_bucket'))
        .slice(0, 25)
        .join('\n')}\n`,
    );
  });

  it('made no connection beyond loopback from any process', async () => {
    const { readFileSync, existsSync } = await import('node:fs');
    const records = existsSync(guardLog) ? readFileSync(guardLog, 'utf8').split('\n').filter(Boolean) : [];
    expect(records).toEqual([]);
  });
});

describe('the compact topology: every module and the router in one process, as npm start runs it', () => {
  it("is ready with every module's dependencies, serves a workflow, and drains on SIGTERM", async () => {
    const [own] = Object.values(await freePorts(['compact']));
    const compactNamespace = testNamespace('compact');
    const compact: Processes = await startProcesses({
      root: ROOT,
      topology: 'compact',
      port: own,
      quiet: true,
      log: () => {},
      env: {
        NODE_ENV: undefined,
        NATS_URL: TEST_NATS_URL,
        EVENTS_NAMESPACE: compactNamespace,
        LOG_LEVEL: 'warn',
        NODE_OPTIONS: guardedNodeOptions(),
        NETWORK_GUARD_LOG: guardLog,
      },
    });
    try {
      const ready = (await (await fetch(`http://127.0.0.1:${own}/ready`)).json()) as { status: string; checks: Record<string, unknown> };
      expect(ready.status).toBe('ready');
      expect(Object.keys(ready.checks)).toEqual(
        expect.arrayContaining(['supergraph', 'identity', 'nats', 'crm.database', 'crm.nats', 'identity.database']),
      );
      const compactUrl = `http://127.0.0.1:${own}/graphql`;
      const { signUp: created } = ok(
        await gql(compactUrl, contract.SignUp, {
          input: {
            companyName: 'Compact Co',
            name: 'Cora',
            email: `cora-${randomUUID()}@example.com`,
            password: 'a long enough password',
            plan: 'BUSINESS',
          },
        }),
      );
      const { createContact } = ok(await gql(compactUrl, contract.CreateContact, { input: { name: 'Compact Buyer' } }, created.token!));
      const { createDeal } = ok(
        await gql(
          compactUrl,
          contract.CreateDeal,
          { input: { title: 'Compact deal', contactId: createContact.contact!.id, amount: { amount: '10.00', currency: 'EUR' } } },
          created.token!,
        ),
      );
      ok(await gql(compactUrl, contract.MarkDealWon, { input: { dealId: createDeal.deal!.id } }, created.token!));
      await eventually(
        () => gql(compactUrl, '{ invoices(first: 1) { totalCount } }', {}, created.token!).then(ok<any>),
        (data) => data.invoices.totalCount === 1,
      );
      const rss = await fetch(`http://127.0.0.1:${own}/metrics`)
        .then((r) => r.text())
        .then((text) => Number(/^process_resident_memory_bytes (\d+)/m.exec(text)?.[1]));
      process.stdout.write(`compact topology: one process, RSS ${(rss / 1024 ** 2).toFixed(0)} MiB after a workflow\n`);
      const stopped = await compact.signal('tessera', 'SIGTERM');
      expect(stopped.code).toBe(0);
    } finally {
      await compact.stop();
      await deleteNamespaceStreams(compactNamespace, TEST_NATS_URL);
    }
  });
});
