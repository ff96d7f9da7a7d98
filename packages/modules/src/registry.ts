/**
 * The modules on disk: every `subgraphs/<name>/module.json`, validated, and checked together (unique
 * names, keys and ports). Sorted by port, which is the order everything generated lists them in.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseManifest, type ModuleManifest } from './manifest.js';

/** A module found on disk: its manifest and where it lives. */
export interface ModuleEntry {
  manifest: ModuleManifest;
  /** The module folder (absolute). */
  dir: string;
  /** The module folder relative to the repository root, e.g. `subgraphs/crm`. */
  path: string;
}

/** The repository root: TESSERA_ROOT, else three levels above this file (packages/modules/dist). */
export function repositoryRoot(): string {
  return process.env.TESSERA_ROOT ? resolve(process.env.TESSERA_ROOT) : fileURLToPath(new URL('../../../', import.meta.url));
}

/** Reads and checks every module manifest under `<root>/subgraphs`. */
export function readModules(root: string = repositoryRoot()): ModuleEntry[] {
  const base = join(root, 'subgraphs');
  const entries = existsSync(base)
    ? readdirSync(base, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(join(base, entry.name, 'module.json')))
        .map((entry) => {
          const file = join(base, entry.name, 'module.json');
          const manifest = parseManifest(JSON.parse(readFileSync(file, 'utf8')), `subgraphs/${entry.name}/module.json`);
          if (manifest.name !== entry.name)
            throw new Error(`subgraphs/${entry.name}/module.json names the module "${manifest.name}": use the folder's name`);
          return { manifest, dir: join(base, entry.name), path: `subgraphs/${entry.name}` };
        })
    : [];
  const seen = { key: new Map<string, string>(), port: new Map<number, string>() };
  for (const { manifest } of entries) {
    if (manifest.key) {
      const other = seen.key.get(manifest.key);
      if (other) throw new Error(`modules ${other} and ${manifest.name} have the same key ${manifest.key}`);
      seen.key.set(manifest.key, manifest.name);
    }
    const other = seen.port.get(manifest.port);
    if (other) throw new Error(`modules ${other} and ${manifest.name} have the same port ${manifest.port}`);
    seen.port.set(manifest.port, manifest.name);
  }
  return entries.sort((a, b) => a.manifest.port - b.manifest.port);
}

/** The module keys of a list of modules (those that have one), in order. */
export function moduleKeys(modules: ModuleEntry[]): string[] {
  return modules.flatMap(({ manifest }) => (manifest.key ? [manifest.key] : []));
}

/** Which module keys each plan includes. */
export function planModules(modules: ModuleEntry[]): Record<'FREE' | 'BUSINESS', string[]> {
  const plan = (name: 'FREE' | 'BUSINESS') =>
    modules.flatMap(({ manifest }) => (manifest.key && manifest.plans.includes(name) ? [manifest.key] : []));
  return { FREE: plan('FREE'), BUSINESS: plan('BUSINESS') };
}
