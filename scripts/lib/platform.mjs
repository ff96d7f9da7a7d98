// Runs the platform as child processes of this one, ready-checked, with a clean stop, in one of two
// topologies: `compact` (one module host running every module and the router: what `npm start`
// runs) or `services` (one host process per module plus one for the router: what compose and
// Kubernetes run). Used by `npm start`, `npm run bench` and the process-level end-to-end test.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Waits until `url` answers 2xx (the service's /ready: its database and NATS answer). */
export async function waitForReady(url, name, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      // fetch's own message is only "fetch failed": the reason is its cause (ECONNREFUSED, a timeout...).
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.code ?? error.cause.message}` : '';
      last = error instanceof Error ? `${error.message}${cause}` : String(error);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} did not become ready at ${url} within ${timeoutMs / 1000}s (${last})`);
}

/** The modules (subgraphs/*\/module.json): name, default URL and port, in port order. */
export function readSubgraphs(root) {
  const base = join(root, 'subgraphs');
  return readdirSync(base, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(base, entry.name, 'module.json')))
    .map((entry) => JSON.parse(readFileSync(join(base, entry.name, 'module.json'), 'utf8')))
    .sort((a, b) => a.port - b.port)
    .map(({ name, port }) => ({ name, port: String(port), url: `http://127.0.0.1:${port}/graphql` }));
}

/** `base` with `overrides` applied; an override of `undefined` removes the variable. */
function environment(base, overrides) {
  const env = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[key];
    else env[key] = String(value);
  }
  return env;
}

/**
 * Starts every subgraph, then the router; resolves when all are ready. `onUnexpectedExit` is called
 * when a process dies on its own. `ports` maps a service name (`router` included) to the port to use
 * instead of the configured one. `onReady(name, ms)` reports each service as it comes up.
 * Returns `{ routerUrl, subgraphs, processes, restart(name), signal(name, signal), stop }`.
 */
export async function startProcesses({ root, env, port, log, onUnexpectedExit, onReady, quiet = false, ports = {}, topology = 'compact' }) {
  const children = new Map();
  const specs = new Map();
  const expectedExits = new Set();
  let stopping = false;

  function startService(name) {
    const { script, serviceEnv } = specs.get(name);
    const child = spawn(process.execPath, [script], {
      cwd: root,
      env: environment(process.env, { ...env, ...serviceEnv }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const relay = (stream, out) =>
      stream.on('data', (chunk) => {
        if (quiet) return;
        for (const line of chunk.toString().split('\n')) if (line.trim()) out.write(`[${name}] ${line}\n`);
      });
    relay(child.stdout, process.stdout);
    relay(child.stderr, process.stderr);
    child.on('exit', (code, signal) => {
      if (!stopping && !expectedExits.has(child)) {
        log(`${name} exited unexpectedly (${signal ?? `code ${code}`})`);
        onUnexpectedExit?.(name);
      }
    });
    children.set(name, child);
    return child;
  }

  async function startAndWait(name, readyUrl) {
    const started = Date.now();
    startService(name);
    await waitForReady(readyUrl, name);
    onReady?.(name, Date.now() - started);
  }

  /** Sends `signal` to a service; resolves with its exit code and how long it took to exit. */
  function signal(name, sig = 'SIGTERM') {
    const child = children.get(name);
    return new Promise((done) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return done({ code: child?.exitCode ?? null, ms: 0 });
      expectedExits.add(child);
      const sent = Date.now();
      child.once('exit', (code, exitSignal) => done({ code, signal: exitSignal, ms: Date.now() - sent }));
      child.kill(sig);
    });
  }

  async function stop() {
    stopping = true;
    await Promise.all(
      [...children.values()].map(
        (child) =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            const force = setTimeout(() => child.kill('SIGKILL'), 30_000);
            child.once('exit', () => {
              clearTimeout(force);
              done();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  }

  const host = resolve(root, 'packages/host/dist/main.js');
  const subgraphs = readSubgraphs(root).map((subgraph) => {
    const own = ports[subgraph.name];
    return own ? { ...subgraph, port: String(own), url: `http://127.0.0.1:${own}/graphql` } : subgraph;
  });
  const routerPort = ports.router ?? port;
  const readyUrls = new Map();
  if (topology === 'compact') {
    specs.set('tessera', { script: host, serviceEnv: { TESSERA_MODULES: 'all', PORT: String(routerPort) } });
    readyUrls.set('tessera', `http://127.0.0.1:${routerPort}/ready`);
  } else {
    const subgraphUrls = {};
    for (const { name, url, port: subgraphPort } of subgraphs) {
      subgraphUrls[`SUBGRAPH_${name.toUpperCase()}_URL`] = url;
      specs.set(name, { script: host, serviceEnv: { TESSERA_MODULES: name, [`${name.toUpperCase()}_PORT`]: subgraphPort } });
      readyUrls.set(name, url.replace(/\/graphql$/, '/ready'));
    }
    specs.set('router', { script: host, serviceEnv: { ...subgraphUrls, TESSERA_MODULES: 'router', PORT: String(routerPort) } });
    readyUrls.set('router', `http://127.0.0.1:${routerPort}/ready`);
  }
  try {
    const services = [...specs.keys()].filter((name) => name !== 'router');
    await Promise.all(services.map((name) => startAndWait(name, readyUrls.get(name))));
    if (specs.has('router')) await startAndWait('router', readyUrls.get('router'));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    routerUrl: `http://localhost:${routerPort}/graphql`,
    subgraphs,
    /** The running child process of each service. */
    processes: children,
    /** Starts a service again (after `signal`), resolving when it is ready. */
    restart: (name) => startAndWait(name, readyUrls.get(name)),
    signal,
    stop,
  };
}
