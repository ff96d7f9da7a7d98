import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Kind, parse, type EnumTypeDefinitionNode } from 'graphql';
import { pathToFileURL } from 'node:url';
import { knownEventTypes } from '@tessera/events';
import { readModules } from '../packages/modules/src/registry.js';
import { ROOT } from './paths.js';

/**
 * The module registry: every module is one folder with a manifest, and everything that lists modules
 * is generated from the manifests (and fresh) or reads them.
 */
const modules = readModules(ROOT);

describe('module manifests', () => {
  it('are valid, with unique names, keys and ports', () => {
    expect(modules.map((m) => m.manifest.name)).toEqual(expect.arrayContaining(['identity', 'crm', 'invoicing']));
    expect(new Set(modules.map((m) => m.manifest.port)).size).toBe(modules.length);
  });

  it('every file generated from them is up to date (npm run modules)', () => {
    const run = () =>
      execFileSync(process.execPath, [resolve(ROOT, 'packages/modules/dist/cli.js'), '--check'], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: 'pipe',
      });
    expect(run).not.toThrow();
  });

  it("every module's key is in the public contract's ModuleKey (the product owner's: ask for a new one to be added there)", () => {
    const contract = parse(readFileSync(resolve(ROOT, 'schema/contract/inputs.graphql'), 'utf8'));
    const promised = contract.definitions.find(
      (d): d is EnumTypeDefinitionNode => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'ModuleKey',
    );
    const values = new Set(promised?.values?.map((v) => v.name.value));
    for (const { manifest } of modules) {
      if (!manifest.key) continue;
      expect(
        values.has(manifest.key),
        `module ${manifest.name} has key ${manifest.key}, which ModuleKey in schema/contract/inputs.graphql does not list: ` +
          'that enum is the product owner’s (shared/contract); ask for the key to be added there',
      ).toBe(true);
    }
  });

  it('say exactly which events each module publishes: the event contracts of its name', async () => {
    // A module may keep its contracts in its own folder: its definition registers them.
    for (const { path } of modules) await import(pathToFileURL(resolve(ROOT, path, 'src/index.ts')).href);
    for (const { manifest } of modules) {
      const contracts = knownEventTypes().filter((type) => type.startsWith(`${manifest.name}.`));
      expect([...manifest.events.publishes].sort(), manifest.name).toEqual(contracts.sort());
    }
  });

  it('consume only events some module publishes (a whole stream, `<module>.*`, only of a module that publishes)', () => {
    const published = new Set(modules.flatMap((m) => m.manifest.events.publishes));
    const producers = new Set([...published].map((type) => type.split('.')[0]));
    for (const { manifest } of modules)
      for (const type of manifest.events.consumes) {
        const known = type.endsWith('.*') ? producers.has(type.slice(0, -2)) : published.has(type);
        expect(known, `${manifest.name} consumes ${type}`).toBe(true);
      }
  });

  it('each module is one folder: its entry point is a defineModule definition, nothing else starts it', () => {
    for (const { path } of modules) {
      const entry = readFileSync(resolve(ROOT, path, 'src/index.ts'), 'utf8');
      expect(entry, path).toMatch(/export default defineModule/);
    }
  });
});
