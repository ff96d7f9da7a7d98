// Runs the platform's processes: every subgraph of schema/supergraph.yaml and the router, each a
// child process of this one, health-checked, with a clean stop. Used by `npm start` and `npm run bench`.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';

export async function waitForHealth(url, name, timeoutMs = 30_000) {
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

/** The subgraphs of schema/supergraph.yaml: name, URL and port. */
export function readSubgraphs(root) {
  const config = parseYaml(readFileSync(resolve(root, 'schema/supergraph.yaml'), 'utf8'));
  return Object.entries(config.subgraphs).map(([name, entry]) => ({ name, url: entry.routing_url, port: new URL(entry.routing_url).port }));
}

/**
 * Starts every subgraph, then the router; resolves when all are healthy. `onUnexpectedExit` is
 * called when a process dies on its own. Returns `{ routerUrl, subgraphs, stop }`.
 */
export async function startProcesses({ root, env, port, log, onUnexpectedExit, quiet = false }) {
  const children = [];
  let stopping = false;

  function startService(name, script, serviceEnv) {
    const child = spawn(process.execPath, [script], {
      cwd: root,
      env: { ...process.env, ...env, ...serviceEnv },
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
      if (!stopping) {
        log(`${name} exited unexpectedly (${signal ?? `code ${code}`})`);
        onUnexpectedExit?.(name);
      }
    });
    children.push(child);
  }

  async function stop() {
    stopping = true;
    await Promise.all(
      children.map(
        (child) =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(force);
              done();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  }

  const subgraphs = readSubgraphs(root);
  const subgraphUrls = {};
  try {
    await Promise.all(
      subgraphs.map(({ name, url, port: subgraphPort }) => {
        subgraphUrls[`SUBGRAPH_${name.toUpperCase()}_URL`] = url;
        startService(name, resolve(root, `subgraphs/${name}/dist/main.js`), { [`${name.toUpperCase()}_PORT`]: subgraphPort });
        return waitForHealth(url.replace(/\/graphql$/, '/health'), name);
      }),
    );
    startService('router', resolve(root, 'router/dist/main.js'), { ...subgraphUrls, PORT: String(port) });
    await waitForHealth(`http://127.0.0.1:${port}/health`, 'router');
  } catch (error) {
    await stop();
    throw error;
  }
  return { routerUrl: `http://localhost:${port}/graphql`, subgraphs, stop };
}
