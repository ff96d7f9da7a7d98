#!/usr/bin/env node
/**
 * tessera-prisma: Tessera's offline replacement for `prisma migrate` (whose native engine cannot be
 * downloaded here).
 *   migrate [module...]   create roles and databases if missing, apply pending migrations (all modules by default)
 *   new <module> <name>   write the next migration from the difference between migrations and schema.prisma
 *   drift [module...]     exit 1 and print the SQL when a module's migrations do not build its schema.prisma
 *   generate              run `prisma generate` for ./prisma/schema.prisma (from a module folder)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureModuleDatabase, ensureRoles, ensureRouterStore } from './bootstrap.js';
import { applyMigrations, createMigration, migrationsToSchemaDiff } from './engine.js';
import { assertModule, listModules, projectRoot } from './modules.js';

/** Writes a line to stdout (the CLI's output; the project forbids console). */
const print = (text: string) => process.stdout.write(`${text}\n`);
/** Writes a line to stderr. */
const printError = (text: string) => process.stderr.write(`${text}\n`);

const USAGE = `Usage: tessera-prisma <command>
  migrate [module...]   ensure roles and databases, apply pending migrations (default: every module)
  new <module> <name>   write prisma/migrations/<timestamp>_<name>/migration.sql for a module
  drift [module...]     print the SQL between migrations and schema.prisma; exit 1 when there is any
  generate [args...]    prisma generate for ./prisma/schema.prisma (run from a module folder)`;

async function modulesFrom(args: string[]): Promise<string[]> {
  if (!args.length) return listModules();
  for (const module of args) await assertModule(module);
  return args;
}

/** Ensures roles and databases, then applies every module's pending migrations; prints what it did. */
async function migrate(args: string[]): Promise<number> {
  const modules = await modulesFrom(args);
  await ensureRoles();
  for (const module of modules) {
    const started = performance.now();
    const database = await ensureModuleDatabase(module);
    const applied = await applyMigrations(module);
    const took = `${Math.round(performance.now() - started)} ms`;
    print(
      applied.length
        ? `${module} (${database}): applied ${applied.length} migration(s) in ${took}: ${applied.join(', ')}`
        : `${module} (${database}): up to date (${took})`,
    );
  }
  // The router's shared state (rate limits, idempotent responses), unless only some modules were named.
  const store = path.join(projectRoot(), 'router', 'sql', 'store.sql');
  if (!args.length && existsSync(store)) print(`router (${await ensureRouterStore(readFileSync(store, 'utf8'))}): up to date`);
  return 0;
}

/** Writes a module's next migration. */
async function newMigration(args: string[]): Promise<number> {
  const [module, ...words] = args;
  if (!module || !words.length) {
    printError('Usage: tessera-prisma new <module> <name>');
    return 2;
  }
  const created = await createMigration(module, words.join('_'));
  print(`${module}: wrote ${created.file}\n\n${created.sql}`);
  return 0;
}

/** Prints each module's drift; 1 when any module drifts. */
async function drift(args: string[]): Promise<number> {
  let drifted = 0;
  for (const module of await modulesFrom(args)) {
    const started = performance.now();
    const sql = await migrationsToSchemaDiff(module);
    const took = `${Math.round(performance.now() - started)} ms`;
    if (sql) {
      drifted++;
      print(`-- ${module}: its migrations do not build its schema.prisma (${took}); missing SQL:\n${sql}`);
    } else {
      print(`${module}: no drift (${took})`);
    }
  }
  return drifted ? 1 : 0;
}

/** Runs bin/generate.mjs in the current folder. */
function generate(args: string[]): number {
  const script = fileURLToPath(new URL('../bin/generate.mjs', import.meta.url));
  return spawnSync(process.execPath, [script, ...args], { stdio: 'inherit' }).status ?? 1;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'migrate':
      return migrate(args);
    case 'new':
      return newMigration(args);
    case 'drift':
      return drift(args);
    case 'generate':
      return generate(args);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      print(USAGE);
      return command ? 0 : 2;
    default:
      printError(`Unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

// A Rust panic inside the engine can surface outside any awaited call, as a bare "RuntimeError: unreachable".
process.on('uncaughtException', (error) => {
  const panic = globalThis.PRISMA_WASM_PANIC_REGISTRY?.message;
  printError(panic ? `Schema engine panicked: ${panic}` : String(error?.stack ?? error));
  process.exit(1);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    printError(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
