// Finds the NATS server (with JetStream) `npm start` uses: NATS_URL when set, else a local server on
// the default port, else a `nats-server` binary on PATH started here with JetStream and its store in
// .data/nats. There is no in-memory stand-in: without a real server, start fails and says how to get one.
// A server started here runs packages/events/nats/nats-server.conf (generated from the module manifests):
// each module its own user, publishing only its own events and reading only what it consumes; the
// passwords are made for this run and handed to the platform (NATS_PASSWORD_<USER>).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';

/** The local port looked at first and, when nothing answers there, where a server is started (EMBEDDED_NATS_PORT). */
const OWN_PORT = Number(process.env.EMBEDDED_NATS_PORT ?? 4222);
const LOCAL_URL = `nats://127.0.0.1:${OWN_PORT}`;

/** 'ok', 'no-jetstream' or 'unreachable'. */
async function probe(url, auth = {}) {
  let connection;
  try {
    connection = await connect({ servers: url, reconnect: false, timeout: 1_500, ...auth });
  } catch {
    return 'unreachable';
  }
  try {
    await (await jetstreamManager(connection)).getAccountInfo();
    return 'ok';
  } catch {
    return 'no-jetstream';
  } finally {
    await connection.close().catch(() => {});
  }
}

function findBinary() {
  for (const dir of [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin']) {
    if (dir && existsSync(join(dir, 'nats-server'))) return join(dir, 'nats-server');
  }
  return null;
}

const HOW_TO_GET_ONE = `Tessera needs NATS with JetStream. Either:
  - set NATS_URL to a server started with JetStream (nats-server -js), or
  - install nats-server (Debian/Ubuntu: apt install nats-server; macOS: brew install nats-server;
    or a release from https://github.com/nats-io/nats-server/releases) and run npm start again, or
  - run the nats service of docker-compose.yml (docker compose up -d nats).`;

/** Returns `{ url, source, env, stop() }`: `env` holds the NATS passwords of a server started here. */
export async function findNats(root, log) {
  if (process.env.NATS_URL) {
    const { NATS_PASSWORD_OPERATOR: operator, NATS_USER: user, NATS_PASSWORD: pass } = process.env;
    const auth = operator ? { user: 'operator', pass: operator } : user ? { user, pass: pass ?? '' } : {};
    const state = await probe(process.env.NATS_URL, auth);
    if (state === 'ok') return { url: process.env.NATS_URL, source: `NATS_URL (${process.env.NATS_URL})`, env: {}, stop: async () => {} };
    throw new Error(
      `NATS_URL=${process.env.NATS_URL}: ${state === 'no-jetstream' ? 'JetStream is not enabled on that server' : 'no NATS server answers'}.\n${HOW_TO_GET_ONE}`,
    );
  }
  const local = await probe(LOCAL_URL);
  if (local === 'ok') return { url: LOCAL_URL, source: `local NATS (${LOCAL_URL})`, env: {}, stop: async () => {} };
  if (local === 'no-jetstream')
    throw new Error(`the NATS server at ${LOCAL_URL} runs without JetStream (start it with -js).\n${HOW_TO_GET_ONE}`);

  const binary = findBinary();
  if (!binary) throw new Error(`no NATS server at ${LOCAL_URL} and no nats-server on PATH.\n${HOW_TO_GET_ONE}`);
  const store = resolve(root, '.data/nats');
  mkdirSync(store, { recursive: true });
  const url = `nats://127.0.0.1:${OWN_PORT}`;
  const config = resolve(root, 'packages/events/nats/nats-server.conf');
  // The server reads each variable as a configuration value (a leading digit could make it a number): start with a letter.
  const passwords = Object.fromEntries(
    [...readFileSync(config, 'utf8').matchAll(/\{ user: "([a-z0-9_-]+)"/g)].map(([, user]) => [
      `NATS_PASSWORD_${user.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`,
      `n${randomBytes(18).toString('hex')}`,
    ]),
  );
  const operator = { user: 'operator', pass: passwords.NATS_PASSWORD_OPERATOR };
  log(`starting ${binary} with JetStream and a NATS user per module on ${url} (store: .data/nats)`);
  const child = spawn(binary, ['-c', config, '-a', '127.0.0.1', '-p', String(OWN_PORT), '-js', '-sd', store], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...passwords },
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk.toString()));
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nats-server exited (${child.exitCode}): ${stderr.trim()}`);
    if ((await probe(url, operator)) === 'ok') {
      return {
        url,
        env: passwords,
        source: `nats-server started here (${url}, a user per module, store .data/nats)`,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`nats-server did not become ready on ${url}: ${stderr.trim()}`);
}
