#!/usr/bin/env node
/**
 * `npm run modules`: writes every file generated from the module manifests; `--check` writes nothing
 * and exits 1 naming each stale file (a test runs it).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { generatedFiles } from './generate.js';
import { scaffoldModule } from './scaffold.js';
import { readModules, repositoryRoot } from './registry.js';

const root = repositoryRoot();
const [command = 'generate', ...args] = process.argv.slice(2).filter((arg) => arg !== '--check');
const check = process.argv.includes('--check');
/** Formatted as the repository formats everything (prettier), so the lint agrees with the generator. */
async function formatted(path: string, content: string): Promise<string> {
  const prettier = await import('prettier');
  const file = join(root, path);
  const info = await prettier.getFileInfo(file, { ignorePath: join(root, '.prettierignore') });
  if (info.ignored || !info.inferredParser) return content;
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(content, { ...options, filepath: file });
}
const afterScaffold: (() => void)[] = [];
if (command === 'new') await newModule(args);
const files = await Promise.all(
  generatedFiles(readModules(root), root).map(async ({ path, content }) => ({ path, content: await formatted(path, content) })),
);
const current = (path: string) => {
  try {
    return readFileSync(join(root, path), 'utf8');
  } catch {
    return null;
  }
};
const stale = files.filter(({ path, content }) => current(path) !== content);
if (check) {
  for (const { path } of stale) process.stderr.write(`${path} is stale: run \`npm run modules\`\n`);
  if (stale.length > 0) process.exit(1);
  process.stdout.write(`the ${files.length} files generated from the module manifests are up to date\n`);
} else {
  for (const { path, content } of stale) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
    process.stdout.write(`wrote ${path}\n`);
  }
  if (stale.length === 0) process.stdout.write('nothing to write: every generated file is up to date\n');
  for (const step of afterScaffold) step();
}

/** `new <name> [--entity <Type>] [--no-install]`: scaffolds, then (below) regenerates what lists modules. */
async function newModule(argv: string[]): Promise<void> {
  const name = argv.find((arg) => !arg.startsWith('--'));
  if (!name) {
    process.stderr.write('usage: npm run new:module -- <name> [--entity <Type>] [--no-install]\n');
    process.exit(2);
  }
  const entityIndex = argv.indexOf('--entity');
  const made = scaffoldModule({ root, name, ...(entityIndex >= 0 && argv[entityIndex + 1] ? { entity: argv[entityIndex + 1] } : {}) });
  for (const file of made.files) writeFileSync(join(root, file), await formatted(file, readFileSync(join(root, file), 'utf8')));
  process.stdout.write(`scaffolded subgraphs/${name} (key ${made.key}, port ${made.port}): ${made.files.length} files\n`);
  afterScaffold.push(() => {
    const npm = (...rest: string[]) => execFileSync('npm', rest, { cwd: root, stdio: 'inherit' });
    // The lockfile lists every workspace: the new one too.
    if (!process.argv.includes('--no-install')) npm('install', '--no-audit', '--no-fund');
    npm('run', 'db:migration', '--', name, 'init');
    npm('run', 'compose');
    process.stdout.write(`
subgraphs/${name} is ready: \`npm test\` runs its tests with everything else.
The public API contract names the module keys (ModuleKey in schema/contract/inputs.graphql, a copy of
the product owner's shared/contract): ask for ${made.key} to be added there; until then the registration
test says so.
`);
  });
}
