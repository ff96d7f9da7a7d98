#!/usr/bin/env node
// `npm start`: finds or starts PostgreSQL and NATS (JetStream), migrates every module database, starts every subgraph and
// the router, serves the dashboard next to it, seeds demo data through the API, and prints the URLs and the demo login.
// Ctrl-C stops everything cleanly.
import { execFileSync } from 'node:child_process';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findDatabase } from './lib/database.mjs';
import { findNats } from './lib/nats.mjs';
import { startProcesses } from './lib/platform.mjs';
import { seedDemo, DEMO_LOGIN, SECOND_LOGIN } from './lib/seed.mjs';
import { startDashboardServer } from '../dashboard/server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
const log = (message) => process.stdout.write(`[tessera] ${message}\n`);
let database = null;
let nats = null;
let platform = null;
let dashboard = null;
let stopping = false;

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  log('stopping...');
  await dashboard?.stop();
  await platform?.stop();
  await nats?.stop().catch((error) => log(`could not stop nats-server: ${error.message}`));
  await database?.stop().catch((error) => log(`could not stop the embedded database: ${error.message}`));
  log('stopped');
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  database = await findDatabase(root, log);
  log(`database: ${database.source}`);
  nats = await findNats(root, log);
  log(`events: ${nats.source}`);
  const env = {
    DATABASE_URL: database.url,
    NATS_URL: nats.url,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    NODE_ENV: process.env.NODE_ENV ?? 'development',
  };
  execFileSync(process.execPath, [resolve(root, 'prisma/dist/cli.js'), 'migrate'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });

  const port = Number(process.env.PORT ?? 4000);
  platform = await startProcesses({ root, env, port, log, onUnexpectedExit: () => void shutdown(1) });
  // The dashboard is static files plus /config.json naming the router as the browser reaches it.
  dashboard = await startDashboardServer({
    port: Number(process.env.DASHBOARD_PORT ?? 3000),
    host: process.env.DASHBOARD_HOST ?? '127.0.0.1',
    apiUrl: process.env.TESSERA_API_URL ?? platform.routerUrl,
  });
  if (process.env.SEED !== 'false') await seedDemo(`http://127.0.0.1:${port}/graphql`, log);

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`
  Tessera is running (ready in ${seconds}s)

    Dashboard             ${dashboard.url}
    GraphQL API and IDE   ${platform.routerUrl}
    Live subscriptions    ${platform.routerUrl.replace(/^http/, 'ws')}   (graphql-ws: invoiceChanged, dashboardUpdated, activityRecorded)
    Subgraphs             ${platform.subgraphs.map(({ name, url }) => `${name} ${url}`).join(', ')}
    Database              ${database.source}
    Event bus             ${nats.source}

    Demo login            ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}   (Northwind Studio, BUSINESS plan)
    Second tenant         ${SECOND_LOGIN.email} / ${SECOND_LOGIN.password}   (Globex Repairs, FREE plan)

  Press Ctrl-C to stop.
`);
} catch (error) {
  log(`start failed: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
}
