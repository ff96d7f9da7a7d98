#!/usr/bin/env node
/**
 * `prisma generate` for the module in the current folder (run as `node ../../prisma/bin/generate.mjs`
 * or `tessera-prisma generate` from subgraphs/<module>), offline.
 *
 * The Prisma 7 CLI refuses to start until it finds its native schema engine, which it would download
 * from Prisma's CDN (unreachable here). `generate` never runs that engine, so any existing file
 * satisfies the check: this script points PRISMA_SCHEMA_ENGINE_BINARY at itself unless it is set.
 * No prisma.config.ts is needed: the schema is passed with --schema. Extra arguments go to prisma.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Reports a problem on stderr and exits with `code`. */
function fail(message, code = 2) {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const moduleDir = process.cwd();
const schema = path.join('prisma', 'schema.prisma');
if (!existsSync(path.join(moduleDir, schema))) {
  fail(`generate: no ${schema} in ${moduleDir} (run it from a module folder, e.g. subgraphs/identity)`);
}

// The prisma CLI the module depends on (hoisted to the root node_modules in this workspace).
const requireFromModule = createRequire(path.join(moduleDir, 'package.json'));
let prismaCli;
try {
  prismaCli = path.join(path.dirname(requireFromModule.resolve('prisma/package.json')), 'build', 'index.js');
} catch {
  fail(`generate: the prisma CLI is not installed for ${moduleDir} (add "prisma" to its devDependencies)`);
}

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || fileURLToPath(import.meta.url),
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: '1',
  CHECKPOINT_DISABLE: '1',
};
const result = spawnSync(process.execPath, [prismaCli, 'generate', '--schema', schema, ...process.argv.slice(2)], {
  cwd: moduleDir,
  env,
  stdio: 'inherit',
});
if (result.error) {
  fail(`generate: could not run ${prismaCli}: ${result.error.message}`, 1);
}
process.exit(result.status ?? 1);
