/**
 * Every module's migrations, against the real PostgreSQL: they apply to a fresh database, applying
 * them again does nothing, they are recorded the way `prisma migrate deploy` records them, and they
 * build exactly the module's schema.prisma (this fails when someone edits a schema without a migration).
 * Plus the whole `new` -> `migrate` -> `drift` workflow on a throw-away module.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withAdminClient } from '../src/admin.js';
import { ensureModuleDatabase, ensureRoles } from '../src/bootstrap.js';
import { adminConfig, databasePrefix, moduleDatabaseName } from '../src/config.js';
import { applyMigrations, createMigration, migrationsToSchemaDiff } from '../src/engine.js';
import { listModules, modulePaths, readMigrationList } from '../src/modules.js';

// A database prefix of this run only, so runs never see each other's databases.
vi.stubEnv('DATABASE_PREFIX', `tessera_mt_${randomBytes(4).toString('hex')}`);
const modules = await listModules();

async function query<R extends pg.QueryResultRow>(database: string, sql: string, values: unknown[] = []): Promise<R[]> {
  return withAdminClient(async (client) => (await client.query<R>(sql, values)).rows, database);
}

beforeAll(async () => {
  await ensureRoles();
});

afterAll(async () => {
  const prefix = databasePrefix();
  const leftovers = await query<{ datname: string }>(
    adminConfig().database,
    'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
    [`${prefix}_`],
  );
  for (const { datname } of leftovers) {
    await query(adminConfig().database, `DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
  vi.unstubAllEnvs();
});

it('finds the modules', () => {
  expect(modules).toContain('identity');
});

describe.each(modules)('module %s', (module) => {
  it('migrations apply to a fresh database', async () => {
    const expected = (await readMigrationList(module)).migrationDirectories.map((entry) => entry.path);
    await ensureModuleDatabase(module);
    expect(await applyMigrations(module)).toEqual(expected);
  });

  it('applying them again is a no-op', async () => {
    expect(await applyMigrations(module)).toEqual([]);
  });

  it('records each migration with its sha256 checksum, as Prisma does', async () => {
    const { migrationsDir } = modulePaths(module);
    const list = await readMigrationList(module);
    const expected = await Promise.all(
      list.migrationDirectories.map(async (entry) => ({
        migration_name: entry.path,
        checksum: createHash('sha256')
          .update(await readFile(path.join(migrationsDir, entry.path, 'migration.sql')))
          .digest('hex'),
        finished: true,
        rolled_back_at: null,
        applied_steps_count: 1,
      })),
    );
    const rows = await query(
      moduleDatabaseName(module),
      `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at, applied_steps_count
         FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(rows).toEqual(expected);
  });

  it('migrations build exactly schema.prisma (no drift)', async () => {
    expect(await migrationsToSchemaDiff(module)).toBe('');
  });

  it('drift detection sees a model missing from the migrations', async () => {
    const schema = await readFile(modulePaths(module).schemaPath, 'utf8');
    const sql = await migrationsToSchemaDiff(module, { schema: `${schema}\nmodel DriftProbe {\n  id Int @id\n}\n` });
    expect(sql).toContain('CREATE TABLE "DriftProbe"');
  });
});

describe('the new -> migrate -> drift workflow', () => {
  let root: string;
  const widgetSchema = (extra = '') => `generator client {
  provider = "prisma-client"
  output   = "../src/generated/prisma"
}

datasource db {
  provider = "postgresql"
}

model Widget {
  id       String @id @db.Uuid
  tenantId String @map("tenant_id") @db.Uuid
  name     String${extra}

  @@index([tenantId])
  @@map("widgets")
}
`;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'tessera-prisma-'));
    await mkdir(path.join(root, 'subgraphs', 'widgets', 'prisma'), { recursive: true });
    await writeFile(path.join(root, 'subgraphs', 'widgets', 'prisma', 'schema.prisma'), widgetSchema());
    vi.stubEnv('TESSERA_ROOT', root);
  });

  afterAll(async () => {
    vi.stubEnv('TESSERA_ROOT', '');
    await rm(root, { recursive: true, force: true });
  });

  it('writes the first migration and the lock file like prisma migrate dev', async () => {
    const created = await createMigration('widgets', 'Create widgets', new Date('2030-01-02T03:04:05Z'));
    expect(created.name).toBe('20300102030405_create_widgets');
    expect(created.sql).toContain('CREATE TABLE "widgets"');
    expect(await readFile(created.file, 'utf8')).toBe(created.sql);
    expect(await readFile(path.join(modulePaths('widgets').migrationsDir, 'migration_lock.toml'), 'utf8')).toContain(
      'provider = "postgresql"',
    );
    expect(await migrationsToSchemaDiff('widgets')).toBe('');
  });

  it('refuses a migration when nothing changed', async () => {
    await expect(createMigration('widgets', 'nothing')).rejects.toThrow(/no schema changes/);
  });

  it('writes only the change for an edited schema, and both migrations apply', async () => {
    await writeFile(modulePaths('widgets').schemaPath, widgetSchema('\n  color    String?'));
    const created = await createMigration('widgets', 'add_color', new Date('2030-01-03T00:00:00Z'));
    expect(created.sql).toContain('ALTER TABLE "widgets" ADD COLUMN');
    expect(created.sql).not.toContain('CREATE TABLE');
    await ensureModuleDatabase('widgets');
    expect(await applyMigrations('widgets')).toEqual(['20300102030405_create_widgets', '20300103000000_add_color']);
    expect(await migrationsToSchemaDiff('widgets')).toBe('');
  });

  it('rolls a failing migration back whole and reports it', async () => {
    const dir = path.join(modulePaths('widgets').migrationsDir, '20300104000000_broken');
    await mkdir(dir);
    // The ";" inside the comment and the function body must not split the script.
    await writeFile(
      dir + '/migration.sql',
      `-- first; then a failure\nCREATE TABLE gadgets (id int);\nCREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;\nSELECT no_such_column FROM widgets;\n`,
    );
    await expect(applyMigrations('widgets')).rejects.toThrow(/widgets: .*20300104000000_broken|no_such_column/s);
    const tables = await query<{ n: number }>(
      moduleDatabaseName('widgets'),
      `SELECT count(*)::int AS n FROM pg_class WHERE relname = 'gadgets'`,
    );
    expect(tables[0]?.n).toBe(0);
  });
});
