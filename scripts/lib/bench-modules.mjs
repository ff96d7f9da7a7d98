// Toward the 208 modules of the platform Tessera is modelled on: scaffolds `count` synthetic modules
// (npm run new:module's template) into a scratch copy of the repository, composes them with the
// eleven, builds them, and starts the compact host (every module and the router in one process) with
// the eleven and then with all of them, on an embedded PostgreSQL of its own (the shared server's
// 100 connections are too few: each module keeps its relay's connection). Reports composition time,
// start-up time to /ready and RSS, and extrapolates to 208 modules.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedDatabase } from './database.mjs';
import { waitForReady } from './platform.mjs';

const seconds = (ms) => (ms / 1000).toFixed(1);

/** Deletes the bench's own streams (their names start with `prefix`). */
async function deleteStreams(url, prefix) {
  const { connect } = await import('@nats-io/transport-node');
  const { jetstreamManager } = await import('@nats-io/jetstream');
  const connection = await connect({ servers: url });
  try {
    const jsm = await jetstreamManager(connection);
    for await (const stream of jsm.streams.list()) if (stream.config.name.startsWith(prefix)) await jsm.streams.delete(stream.config.name);
  } finally {
    await connection.close();
  }
}

// Not 4190: that is ManageSieve's port, one of the Fetch standard's "bad ports" that fetch() refuses ("bad port").
export async function benchManyModules({ root, log, count = 50, natsUrl, natsEnv = {}, port = 4290 }) {
  const scratch = mkdtempSync(join(tmpdir(), 'tessera-many-modules-'));
  // The embedded PostgreSQL runs as the postgres user when this runs as root: it must reach the folder.
  chmodSync(scratch, 0o755);
  const rows = [];
  let database = null;
  try {
    log(`many modules: copying the repository to ${scratch}`);
    execFileSync('rsync', [
      '-a',
      '--exclude',
      '/node_modules',
      '--exclude',
      '.turbo',
      '--exclude',
      '.data',
      '--exclude',
      'test-artifacts',
      `${root}/`,
      `${scratch}/`,
    ]);
    symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'));
    const env = { ...process.env, TESSERA_ROOT: scratch, SUPERGRAPH_PATH: join(scratch, 'schema/supergraph.graphql'), NO_COLOR: '1' };
    const { scaffoldModule } = await import(join(root, 'packages/modules/dist/scaffold.js'));
    const names = Array.from({ length: count }, (_, i) => `synth${String(i + 1).padStart(3, '0')}`);
    let step = Date.now();
    for (const name of names) scaffoldModule({ root: scratch, name });
    // Every synthetic module has the same schema: write the first migration once, copy it to the others.
    execFileSync(process.execPath, [join(scratch, 'prisma/dist/cli.js'), 'new', names[0], 'init'], { cwd: scratch, env, stdio: 'ignore' });
    const [initDir] = readdirSync(join(scratch, 'subgraphs', names[0], 'prisma/migrations')).filter((entry) => entry.endsWith('_init'));
    for (const name of names.slice(1)) {
      cpSync(join(scratch, 'subgraphs', names[0], 'prisma/migrations'), join(scratch, 'subgraphs', name, 'prisma/migrations'), {
        recursive: true,
      });
    }
    execFileSync(process.execPath, [join(scratch, 'packages/modules/dist/cli.js')], { cwd: scratch, env, stdio: 'ignore' });
    log(`many modules: scaffolded ${count} modules in ${seconds(Date.now() - step)} s (one migration ${initDir})`);

    step = Date.now();
    execFileSync(process.execPath, [join(scratch, 'router/dist/compose.js')], { cwd: scratch, env, stdio: 'ignore' });
    const composeMs = Date.now() - step;
    const supergraphKiB = readFileSync(join(scratch, 'schema/supergraph.graphql')).length / 1024;
    step = Date.now();
    execFileSync(process.execPath, ['scripts/turbo.mjs', 'run', 'build', '--output-logs=errors-only'], {
      cwd: scratch,
      env,
      stdio: 'ignore',
    });
    log(`many modules: composed ${count + 11} subgraphs in ${seconds(composeMs)} s, built in ${seconds(Date.now() - step)} s`);

    database = await startEmbeddedDatabase(scratch, log, {
      port: 54339,
      dataDir: join(scratch, '.data/postgres'),
      flags: ['-c', 'max_connections=1000'],
    });
    const dbEnv = {
      ...env,
      DATABASE_URL: database.url,
      DATABASE_PREFIX: 'tessera_many',
      NATS_URL: natsUrl,
      ...natsEnv,
      EVENTS_NAMESPACE: 'manybench',
      EVENTS_STREAM_MAX_BYTES: String(8 * 1024 ** 2),
      LOG_LEVEL: 'error',
    };
    step = Date.now();
    execFileSync(process.execPath, [join(scratch, 'prisma/dist/cli.js'), 'migrate'], { cwd: scratch, env: dbEnv, stdio: 'ignore' });
    log(`many modules: migrated ${count + 11} databases in ${seconds(Date.now() - step)} s`);

    const eleven = readdirSync(join(root, 'subgraphs')).filter((name) => !name.startsWith('synth') && !name.includes('.'));
    for (const [label, modules] of [
      ['11 modules', `${eleven.join(',')},router`],
      [`${count + 11} modules`, 'all'],
    ]) {
      const started = Date.now();
      const child = spawn(process.execPath, [join(scratch, 'packages/host/dist/main.js')], {
        cwd: scratch,
        env: { ...dbEnv, TESSERA_MODULES: modules, PORT: String(port) },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      try {
        await waitForReady(`http://127.0.0.1:${port}/ready`, label, 300_000);
        const startupMs = Date.now() - started;
        await new Promise((resolve) => setTimeout(resolve, 3_000));
        const rssMiB =
          Number(
            execFileSync('ps', ['-o', 'rss=', '-p', String(child.pid)])
              .toString()
              .trim(),
          ) / 1024;
        rows.push({ benchmark: `compact host, ${label}`, 'start-up to /ready s': seconds(startupMs), 'idle RSS MiB': rssMiB.toFixed(0) });
        log(`many modules: ${label}: ready in ${seconds(startupMs)} s, ${rssMiB.toFixed(0)} MiB`);
      } finally {
        await new Promise((resolve) => {
          child.once('exit', resolve);
          child.kill('SIGTERM');
        });
      }
    }
    const [small, large] = rows;
    const perModule = (Number(large['idle RSS MiB']) - Number(small['idle RSS MiB'])) / count;
    const startPerModule = (Number(large['start-up to /ready s']) - Number(small['start-up to /ready s'])) / count;
    rows.push({
      benchmark: 'compact host, 208 modules (extrapolated)',
      'start-up to /ready s': (Number(large['start-up to /ready s']) + startPerModule * (208 - count - 11)).toFixed(0),
      'idle RSS MiB': (Number(large['idle RSS MiB']) + perModule * (208 - count - 11)).toFixed(0),
      'per extra module MiB': perModule.toFixed(1),
    });
    rows.push({
      benchmark: `composition of ${count + 11} subgraphs`,
      seconds: seconds(composeMs),
      'supergraph KiB': supergraphKiB.toFixed(0),
    });
    for (const row of rows) process.stdout.write(`${JSON.stringify(row)}\n`);
    mkdirSync(join(root, 'test-artifacts'), { recursive: true });
    writeFileSync(join(root, 'test-artifacts', 'bench-modules.json'), JSON.stringify(rows, null, 2));
    return rows;
  } finally {
    await deleteStreams(natsUrl, 'MANYBENCH_').catch(() => {});
    await database?.stop().catch(() => {});
    rmSync(scratch, { recursive: true, force: true });
  }
}
