#!/usr/bin/env node
// `npm start`: builds what changed, finds or starts PostgreSQL and NATS (JetStream), migrates every module database,
// starts every subgraph and the router, serves the dashboard next to it, seeds demo data through the API, and
// prints the URLs and the demo login. It says what it is doing at each step, with its time. Ctrl-C stops
// everything cleanly (each service drains).
import { execFileSync, spawn } from 'node:child_process';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
const log = (message) => process.stdout.write(`[tessera] ${message}\n`);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)}s`;
let database = null;
let nats = null;
let platform = null;
let dashboard = null;
let stopping = false;

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  log('stopping (each service drains first)...');
  await dashboard?.stop();
  await platform?.stop();
  await nats?.stop().catch((error) => log(`could not stop nats-server: ${error.message}`));
  await database?.stop().catch((error) => log(`could not stop the embedded database: ${error.message}`));
  log('stopped');
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

/** Builds every package that changed (turbo's cache skips the rest), showing only errors. */
function build() {
  const step = Date.now();
  log('building (the first run compiles every package and the dashboard: a minute or two; later runs only what changed)...');
  return new Promise((done, fail) => {
    // Through scripts/turbo.mjs: Turborepo's anonymous usage telemetry is off, nothing leaves the machine by itself.
    const child = spawn(process.execPath, [resolve(root, 'scripts', 'turbo.mjs'), 'run', 'build', '--output-logs=errors-only'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', fail);
    child.on('exit', (code) => {
      if (code === 0) {
        log(`built in ${seconds(step)}`);
        done();
      } else fail(new Error(`the build failed (exit code ${code}); see the errors above`));
    });
  });
}

try {
  await build();
  // Loaded after the build: nothing below needs it, but the platform it starts does.
  const [{ findDatabase }, { findNats }, { startProcesses }, { seedDemo, DEMO_LOGIN, SECOND_LOGIN }, { startDashboardServer }] =
    await Promise.all([
      import('./lib/database.mjs'),
      import('./lib/nats.mjs'),
      import('./lib/platform.mjs'),
      import('./lib/seed.mjs'),
      import('../dashboard/server.mjs'),
    ]);
  let step = Date.now();
  database = await findDatabase(root, log);
  log(`database: ${database.source} (${seconds(step)})`);
  step = Date.now();
  nats = await findNats(root, log);
  log(`events: ${nats.source} (${seconds(step)})`);
  const port = Number(process.env.PORT ?? 4000);
  const dashboardPort = Number(process.env.DASHBOARD_PORT ?? 3000);
  const env = {
    DATABASE_URL: database.url,
    NATS_URL: nats.url,
    ...nats.env,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    TESSERA_IDE_URL: process.env.TESSERA_IDE_URL ?? `http://localhost:${dashboardPort}/graphiql`,
  };
  step = Date.now();
  log('migrating every module database:');
  execFileSync(process.execPath, [resolve(root, 'prisma/dist/cli.js'), 'migrate'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  log(`migrated (${seconds(step)})`);

  step = Date.now();
  // One process runs every module and the router (the compact topology) unless TESSERA_TOPOLOGY=services
  // asks for one process per module, as docker-compose and Kubernetes run them.
  const topology = process.env.TESSERA_TOPOLOGY === 'services' ? 'services' : 'compact';
  log(
    topology === 'compact'
      ? 'starting every module and the router in one process (ready once /ready answers: every database and NATS)...'
      : 'starting one process per module and the router (each is ready once its /ready answers: its database and NATS)...',
  );
  platform = await startProcesses({
    root,
    env,
    port,
    topology,
    log,
    onUnexpectedExit: () => void shutdown(1),
    onReady: (name, ms) => log(`  ${name.padEnd(10)} ready in ${(ms / 1000).toFixed(1)}s`),
  });
  log(`all services ready (${seconds(step)})`);
  // The dashboard is static files plus /config.json naming the router as the browser reaches it.
  dashboard = await startDashboardServer({
    port: dashboardPort,
    host: process.env.DASHBOARD_HOST ?? '127.0.0.1',
    apiUrl: process.env.TESSERA_API_URL ?? platform.routerUrl,
  });
  if (process.env.SEED !== 'false') {
    step = Date.now();
    log('seeding the demo tenants through the API...');
    await seedDemo(`http://127.0.0.1:${port}/graphql`, log);
    log(`seeded (${seconds(step)})`);
  }

  process.stdout.write(`
  Tessera is running (ready in ${seconds(started)})

    Dashboard             ${dashboard.url}
    GraphQL API           ${platform.routerUrl}
    GraphQL IDE           ${env.TESSERA_IDE_URL}   (GraphiQL, signed in as you)
    Live subscriptions    ${platform.routerUrl.replace(/^http/, 'ws')}   (graphql-ws: invoiceChanged, dashboardUpdated, activityRecorded)
    Modules               ${
      topology === 'compact'
        ? `${platform.subgraphs.map(({ name }) => name).join(', ')}: one process with the router (TESSERA_TOPOLOGY=services: one each)`
        : platform.subgraphs.map(({ name, url }) => `${name} ${url}`).join(', ')
    }
    Health and metrics    ${platform.routerUrl.replace(/\/graphql$/, '')}/health, /ready and /metrics${topology === 'services' ? ' (and on every module)' : ''}
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
