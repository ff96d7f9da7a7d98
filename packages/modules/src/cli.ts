#!/usr/bin/env node
/**
 * `npm run modules`: writes every file generated from the module manifests; `--check` writes nothing
 * and exits 1 naming each stale file (a test runs it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedFiles } from './generate.js';
import { readModules, repositoryRoot } from './registry.js';

const root = repositoryRoot();
/** Formatted as the repository formats everything (prettier), so the lint agrees with the generator. */
async function formatted(path: string, content: string): Promise<string> {
  const prettier = await import('prettier');
  const file = join(root, path);
  const info = await prettier.getFileInfo(file, { ignorePath: join(root, '.prettierignore') });
  if (info.ignored || !info.inferredParser) return content;
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(content, { ...options, filepath: file });
}
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
if (process.argv.includes('--check')) {
  for (const { path } of stale) process.stderr.write(`${path} is stale: run \`npm run modules\`\n`);
  if (stale.length > 0) process.exit(1);
  process.stdout.write(`the ${files.length} files generated from the module manifests are up to date\n`);
} else {
  for (const { path, content } of stale) {
    writeFileSync(join(root, path), content);
    process.stdout.write(`wrote ${path}\n`);
  }
  if (stale.length === 0) process.stdout.write('nothing to write: every generated file is up to date\n');
}
