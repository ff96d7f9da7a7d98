/**
 * Module #12 in one command: `npm run new:module timesheets` in a scratch copy of the repository.
 * Proves that adding a module touches only its folder (plus generated files), that the scaffolded
 * module builds, migrates and passes its own tests on the real PostgreSQL, that the registration test
 * names the product-owned contract enum, and that the platform serves the new module through the
 * router with its event going round the real NATS.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminConfig } from '@tessera/prisma';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NAME = 'timesheets';
const DATABASE = `${process.env.DATABASE_PREFIX ?? 'tessera_test'}_${NAME}`;
let scratch: string;

/** Files generated from the manifests (and the lockfile): the only changes allowed outside the new folder. */
const GENERATED = new Set([
  'codegen.yml',
  'docker-compose.yml',
  'package-lock.json',
  'schema/supergraph.yaml',
  'schema/supergraph.graphql',
  'schema/api.graphql',
  'dashboard/src/modules.generated.ts',
  'subgraphs/identity/src/modules.generated.ts',
  'subgraphs/identity/schema.graphql',
  'subgraphs/analytics/schema.graphql',
  // The new module gets its own NATS user (publish its subjects, read what it consumes).
  'packages/events/nats/nats-server.conf',
]);

async function dropDatabase(): Promise<void> {
  const client = new pg.Client(adminConfig());
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; output: string } {
  const result = spawnSync(command, args, {
    cwd: scratch,
    env: {
      ...process.env,
      NO_COLOR: '1',
      FORCE_COLOR: '0',
      TESSERA_ROOT: scratch,
      SUPERGRAPH_PATH: join(scratch, 'schema/supergraph.graphql'),
      ...env,
    },
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const changedPaths = () =>
  execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: scratch, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3));

let before: Set<string>;

beforeAll(async () => {
  await dropDatabase();
  scratch = mkdtempSync(join(tmpdir(), 'tessera-new-module-'));
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
    `${ROOT}/`,
    `${scratch}/`,
  ]);
  symlinkSync(join(ROOT, 'node_modules'), join(scratch, 'node_modules'));
  // What differs from the last commit already (a developer's working tree), so only the scaffold's changes count.
  before = new Set(changedPaths());
}, 120_000);

afterAll(async () => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  await dropDatabase();
});

describe('npm run new:module', () => {
  it('scaffolds a module that builds, migrates and passes its tests, touching only its folder and generated files', () => {
    const scaffold = run(process.execPath, ['packages/modules/dist/cli.js', 'new', NAME, '--no-install']);
    expect(scaffold.status, scaffold.output).toBe(0);
    const touched = changedPaths().filter((path) => !before.has(path) && path !== 'node_modules');
    const outside = touched.filter((path) => !path.startsWith(`subgraphs/${NAME}/`) && !GENERATED.has(path));
    expect(outside, 'changed outside the new folder and the generated files').toEqual([]);
    expect(touched.filter((path) => path.startsWith(`subgraphs/${NAME}/`)).length).toBeGreaterThan(20);

    const build = run(process.execPath, ['scripts/turbo.mjs', 'run', 'build', `--filter=@tessera/${NAME}`, '--output-logs=errors-only']);
    expect(build.status, build.output).toBe(0);
    const migrate = run(process.execPath, ['prisma/dist/cli.js', 'migrate', NAME]);
    expect(migrate.status, migrate.output).toBe(0);
    const tests = run('npx', ['vitest', 'run', '--project', 'integration', '--project', 'unit', `subgraphs/${NAME}`]);
    expect(tests.status, tests.output).toBe(0);
    expect(tests.output).toMatch(/Tests\s+7 passed/);
    // Four builds and runs in child processes (scaffold with codegen, the module's build, its
    // migration, its tests): about 55 s alone on this machine, more while the rest of the suite runs.
  }, 240_000);

  it('the registration test names the contract enum the product owner must extend', () => {
    const registration = run('npx', ['vitest', 'run', '--project', 'unit', 'test/modules.test.ts']);
    expect(registration.status).not.toBe(0);
    expect(registration.output).toContain(
      `module ${NAME} has key ${NAME.toUpperCase()}, which ModuleKey in schema/contract/inputs.graphql does not list`,
    );
  });

  it('is served through the router, and its event goes round the real NATS to its consumer', () => {
    writeFileSync(
      join(scratch, 'router/test/scaffolded.e2e.test.ts'),
      `import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { contract } from './contract-operations.js';
import { gql, ok, startPlatform, type Platform } from './platform.js';
let platform: Platform;
beforeAll(async () => { platform = await startPlatform(); });
afterAll(() => platform.stop());
it('serves the scaffolded module', async () => {
  const { signUp } = ok(await gql(platform.url, contract.SignUp, { input: { companyName: 'New Co', name: 'N', email: \`n-\${randomUUID()}@example.com\`, password: 'a long enough password', plan: 'BUSINESS' } }));
  const created = ok(await gql(platform.url, 'mutation { createTimesheetsItem(input: { name: "First" }) { timesheetsItem { id } userErrors { code } } }', {}, signUp.token));
  expect(created.createTimesheetsItem.userErrors).toEqual([]);
  const read = () => gql(platform.url, '{ timesheetsItems { totalCount edges { node { name confirmedAt } } } me { tenant { enabledModules } } }', {}, signUp.token).then(ok<any>);
  let data = await read();
  for (let i = 0; i < 100 && !data.timesheetsItems.edges[0]?.node.confirmedAt; i += 1) { await new Promise((r) => setTimeout(r, 100)); data = await read(); }
  expect(data.me.tenant.enabledModules).toContain('TIMESHEETS');
  expect(data.timesheetsItems.totalCount).toBe(1);
  expect(data.timesheetsItems.edges[0].node.confirmedAt).not.toBeNull();
});
`,
    );
    const e2e = run('npx', ['vitest', 'run', '--project', 'e2e', 'router/test/scaffolded.e2e.test.ts']);
    expect(e2e.status, e2e.output).toBe(0);
  });
});
