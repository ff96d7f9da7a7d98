#!/usr/bin/env node
// `npm start`: finds or starts PostgreSQL, migrates every module database, starts every subgraph and
// the router, seeds demo data through the API, and prints the URLs and the demo login.
// Ctrl-C stops everything cleanly.
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { findDatabase } from './lib/database.mjs';
import { seedDemo, DEMO_LOGIN, SECOND_LOGIN } from './lib/seed.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
const log = (message) => process.stdout.write(`[tessera] ${message}\n`);
const children = [];
let stopping = false;
let database = null;

async function waitForHealth(url, name, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} did not become healthy at ${url} within ${timeoutMs / 1000}s`);
}

function startService(name, script, env) {
  const child = spawn(process.execPath, [script], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (stream, out) =>
    stream.on('data', (chunk) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) out.write(`[${name}] ${line}\n`);
    });
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      log(`${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping the platform`);
      void shutdown(1);
    }
  });
  children.push({ name, child });
  return child;
}

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  log('stopping...');
  await Promise.all(
    children.map(
      ({ child }) =>
        new Promise((resolveExit) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolveExit();
          const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(force);
            resolveExit();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  await database?.stop().catch((error) => log(`could not stop the embedded database: ${error.message}`));
  log('stopped');
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  database = await findDatabase(root, log);
  log(`database: ${database.source}`);
  const env = { DATABASE_URL: database.url, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', NODE_ENV: process.env.NODE_ENV ?? 'development' };

  execFileSync(process.execPath, [resolve(root, 'prisma/dist/cli.js'), 'migrate'], { cwd: root, env: { ...process.env, ...env }, stdio: 'inherit' });

  const config = parseYaml(readFileSync(resolve(root, 'schema/supergraph.yaml'), 'utf8'));
  const subgraphEnv = {};
  await Promise.all(
    Object.entries(config.subgraphs).map(([name, entry]) => {
      const port = new URL(entry.routing_url).port;
      subgraphEnv[`SUBGRAPH_${name.toUpperCase()}_URL`] = entry.routing_url;
      startService(name, resolve(root, `subgraphs/${name}/dist/main.js`), { ...env, [`${name.toUpperCase()}_PORT`]: port });
      return waitForHealth(entry.routing_url.replace(/\/graphql$/, '/health'), name);
    }),
  );

  const port = process.env.PORT ?? '4000';
  const routerUrl = `http://localhost:${port}/graphql`;
  startService('router', resolve(root, 'router/dist/main.js'), { ...env, ...subgraphEnv, PORT: port });
  await waitForHealth(`http://127.0.0.1:${port}/health`, 'router');

  if (process.env.SEED !== 'false') await seedDemo(`http://127.0.0.1:${port}/graphql`, log);

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`
  Tessera is running (ready in ${seconds}s)

    GraphQL API and IDE   ${routerUrl}
    Subgraphs             ${Object.entries(config.subgraphs).map(([name, e]) => `${name} ${e.routing_url}`).join(', ')}
    Database              ${database.source}

    Demo login            ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}   (Northwind Studio, BUSINESS plan)
    Second tenant         ${SECOND_LOGIN.email} / ${SECOND_LOGIN.password}   (Globex Repairs, FREE plan)

  Press Ctrl-C to stop.
`);
} catch (error) {
  log(`start failed: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
}
