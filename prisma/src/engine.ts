/**
 * Tessera's migration commands on top of the WebAssembly schema engine: deploy a module's
 * migrations, compute the SQL between its migrations and its schema.prisma (drift), and write that
 * SQL as a new migration.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SchemaFilter } from '@prisma/schema-engine-wasm';
import pg from 'pg';
import { ensureRoles } from './bootstrap.js';
import { moduleDatabaseName, ownerConfig, ownerConfigFor, type PgConfig } from './config.js';
import { tenantSqlFor } from './tenant-sql.js';
import { assertModule, MIGRATION_LOCK_CONTENT, MIGRATION_LOCK_FILE, modulePaths, readMigrationList, readSchemaFile } from './modules.js';
import { createScratchDatabase, dropDatabase } from './scratch-database.js';
import { MigrationEngineError, withSchemaEngine } from './wasm-engine.js';

/** No externally managed tables or enums (prisma.config.ts `tables.external` / `enums.external`). */
const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

function inModule(module: string, error: unknown): Error {
  if (error instanceof MigrationEngineError) return new MigrationEngineError(`${module}: ${error.message}`, error.code);
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Applies a module's pending migrations to its database as tessera_owner, recording them in
 * `_prisma_migrations` exactly like `prisma migrate deploy`; returns the names just applied.
 */
export async function applyMigrations(module: string): Promise<string[]> {
  await assertModule(module);
  const migrationsList = await readMigrationList(module);
  try {
    const { appliedMigrationNames } = await withSchemaEngine({ main: ownerConfig(module) }, (engine) =>
      engine.applyMigrations({ migrationsList, filters: NO_FILTERS }),
    );
    return appliedMigrationNames;
  } catch (error) {
    const wrapped = inModule(module, error);
    const failed = await unfinishedMigrations(module);
    if (failed.length && !failed.some((name) => wrapped.message.includes(name))) {
      wrapped.message = `${module}: migration ${failed.join(', ')} failed, now marked failed in _prisma_migrations: ${wrapped.message.replace(`${module}: `, '')}`;
    }
    if (/connect failed.*does not exist/is.test(wrapped.message)) {
      wrapped.message += `\n(database ${moduleDatabaseName(module)} is missing: \`tessera-prisma migrate ${module}\` creates it)`;
    }
    throw wrapped;
  }
}

/** Names of migrations started but neither finished nor rolled back in a module's database ([] if unknown). */
async function unfinishedMigrations(module: string): Promise<string[]> {
  const client = new pg.Client(ownerConfig(module));
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ migration_name: string }>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NULL AND rolled_back_at IS NULL ORDER BY started_at',
    );
    return rows.map((row) => row.migration_name);
  } catch {
    return [];
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs `work` with a factory of empty scratch databases, all dropped afterwards. */
async function withScratchDatabases<T>(work: (createScratch: () => Promise<PgConfig>) => Promise<T>): Promise<T> {
  const created: string[] = [];
  try {
    return await work(async () => {
      const database = await createScratchDatabase();
      created.push(database);
      return ownerConfigFor(database);
    });
  } finally {
    const drops = await Promise.allSettled(created.map((database) => dropDatabase(database)));
    for (const [index, drop] of drops.entries()) {
      if (drop.status === 'rejected') process.emitWarning(`Could not drop scratch database ${created[index]}: ${String(drop.reason)}`);
    }
  }
}

/** Options of migrationsToSchemaDiff. */
export interface SchemaDiffOptions {
  /** Datamodel text to compare against instead of the module's schema.prisma. */
  schema?: string;
}

/**
 * The SQL that takes a database built by a module's migrations to its schema.prisma; '' when they
 * agree (no drift). The migrations are applied to a scratch shadow database (as tessera_owner, like
 * production), which is then compared with the datamodel. Hand-written SQL Prisma does not model
 * (policies, functions, grants, check constraints) is invisible to the comparison, never dropped.
 */
export async function migrationsToSchemaDiff(module: string, options: SchemaDiffOptions = {}): Promise<string> {
  await assertModule(module);
  const migrationsList = await readMigrationList(module);
  // A module without migrations yet has no lock file either; the engine needs one to know the connector.
  migrationsList.lockfile.content ??= MIGRATION_LOCK_CONTENT;
  const schemaFile = await readSchemaFile(module);
  if (options.schema !== undefined) schemaFile.content = options.schema;
  await ensureRoles(); // the migrations grant to the Tessera roles
  try {
    return await withScratchDatabases(async (createScratch) =>
      withSchemaEngine({ main: await createScratch(), shadow: createScratch }, async (engine) => {
        const { exitCode, stdout } = await engine.diff({
          from: { tag: 'migrations', ...migrationsList },
          to: { tag: 'schemaDatamodel', files: [schemaFile] },
          script: true,
          exitCode: true,
          filters: NO_FILTERS,
        });
        return exitCode === 0 ? '' : (stdout ?? '');
      }),
    );
  } catch (error) {
    throw inModule(module, error);
  }
}

/** A migration name as Prisma slugifies it: lowercase words joined by underscores. */
export function migrationSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 200);
  if (!slug) throw new Error(`Migration name "${name}" has no letters or digits`);
  return slug;
}

/** Prisma's migration timestamp: UTC YYYYMMDDHHMMSS. */
export function migrationTimestamp(at: Date = new Date()): string {
  return at.toISOString().replace(/\D/g, '').slice(0, 14);
}

/** A migration written by createMigration. */
export interface CreatedMigration {
  /** Directory name, `<timestamp>_<name>`. */
  name: string;
  /** Absolute path of its migration.sql. */
  file: string;
  sql: string;
}

/**
 * Writes `prisma/migrations/<timestamp>_<name>/migration.sql` with the SQL from the module's
 * migrations to its schema.prisma (creating migration_lock.toml when missing); refuses when there is
 * nothing to migrate. The row-level security and grants of the tables it creates are appended
 * (tenant-sql.ts); other hand-written SQL (checks, triggers, functions) is appended by hand.
 */
export async function createMigration(module: string, name: string, at: Date = new Date()): Promise<CreatedMigration> {
  await assertModule(module);
  const slug = migrationSlug(name);
  const { migrationsDir } = modulePaths(module);
  const lockPath = path.join(migrationsDir, MIGRATION_LOCK_FILE);
  const lock = await readFile(lockPath, 'utf8').catch(() => null);
  if (lock !== null && !/provider\s*=\s*"postgresql"/.test(lock)) {
    throw new Error(`${module}: ${lockPath} is not for provider "postgresql"`);
  }
  const sql = await migrationsToSchemaDiff(module);
  if (!sql.trim()) throw new Error(`${module}: no schema changes (schema.prisma matches what the migrations build)`);
  const directory = `${migrationTimestamp(at)}_${slug}`;
  const existing = (await readMigrationList(module)).migrationDirectories.map((entry) => entry.path);
  const latest = existing.at(-1);
  if (latest !== undefined && latest.localeCompare(directory) >= 0) {
    throw new Error(`${module}: new migration ${directory} would not sort after the latest one, ${latest} (check the clock)`);
  }
  const directoryPath = path.join(migrationsDir, directory);
  if (existsSync(directoryPath)) throw new Error(`The migration directory already exists at ${directoryPath}`);
  await mkdir(directoryPath, { recursive: true });
  const file = path.join(directoryPath, 'migration.sql');
  // The tenant policies, grants and event-backbone SQL of the tables it creates, from their one source.
  const written = sql + tenantSqlFor(sql, { firstMigration: existing.length === 0 });
  await writeFile(file, written, 'utf8');
  if (lock === null) await writeFile(lockPath, MIGRATION_LOCK_CONTENT, 'utf8');
  return { name: directory, file, sql: written };
}
