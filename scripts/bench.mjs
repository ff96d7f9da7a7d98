#!/usr/bin/env node
// `npm run bench`: starts the platform on its own databases (prefix tessera_bench), loads a tenant
// through the API, and prints latency and throughput of typical requests through the router.
// Numbers, not assertions: compare them between changes on the same machine.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findDatabase } from './lib/database.mjs';
import { startProcesses } from './lib/platform.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const log = (message) => process.stdout.write(`[bench] ${message}\n`);
const port = Number(process.env.BENCH_PORT ?? 4100);
const url = `http://127.0.0.1:${port}/graphql`;

async function call(query, variables = {}, token) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function measure(name, count, concurrency, run) {
  const durations = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        await run(i);
        durations.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  durations.sort((a, b) => a - b);
  const row = {
    benchmark: name,
    requests: count,
    concurrency,
    'req/s': (count / seconds).toFixed(1),
    'p50 ms': percentile(durations, 50).toFixed(1),
    'p99 ms': percentile(durations, 99).toFixed(1),
  };
  process.stdout.write(`${JSON.stringify(row)}\n`);
  return row;
}

const database = await findDatabase(root, log);
const env = { DATABASE_URL: database.url, DATABASE_PREFIX: 'tessera_bench', LOG_LEVEL: 'error', NODE_ENV: 'production' };
execFileSync(process.execPath, [resolve(root, 'prisma/dist/cli.js'), 'migrate'], {
  cwd: root,
  env: { ...process.env, ...env },
  stdio: 'ignore',
});
const platform = await startProcesses({ root, env, port, log, quiet: true });
const rows = [];
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
      call('mutation($i: SendInvoiceInput!) { sendInvoice(input: $i) { invoice { number } } }', { i: { invoiceId: invoiceIds[i] } }, token),
    ),
  );
  rows.push(await measure('me', 300, 8, () => call('{ me { id tenant { name } } }', {}, token)));
  rows.push(
    await measure('contacts(first: 50) { invoices { id } } (crm + invoicing)', 300, 8, () =>
      call('{ contacts(first: 50) { edges { node { id name invoices { id } outstandingBalance { amount } } } } }', {}, token),
    ),
  );
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
    `${JSON.stringify({ benchmark: 'memory of the running stack (router + subgraphs)', 'total RSS MiB': (memory.reduce((a, b) => a + b, 0) / 1024).toFixed(0), processes: memory.length })}\n`,
  );
} finally {
  await platform.stop();
  await database.stop();
}
