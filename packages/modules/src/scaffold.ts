/**
 * `npm run new:module <name>`: a working module from the template (packages/modules/templates/module):
 * manifest, SDL with one entity, Prisma schema, resolvers, services, repositories, an event with its
 * contract, a consumer, tests and a dashboard page, in subgraphs/<name>/ only. Then everything that
 * lists modules is generated again (npm run modules), the supergraph composed, and the module's first
 * migration written (with its tenant policies and the event backbone). Outside its folder only
 * generated files change; the public contract's ModuleKey is the product owner's to extend.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { manifestSchema } from './manifest.js';
import { readModules } from './registry.js';

export interface ScaffoldOptions {
  root: string;
  name: string;
  /** The entity's GraphQL/Prisma type name (default <Module>Item). */
  entity?: string;
}

export interface Scaffolded {
  dir: string;
  key: string;
  port: number;
  files: string[];
}

const pascal = (name: string) => name[0]!.toUpperCase() + name.slice(1);
const camel = (name: string) => name[0]!.toLowerCase() + name.slice(1);

/** Copies the template into subgraphs/<name>/ with the module's names and a free port. */
export function scaffoldModule(options: ScaffoldOptions): Scaffolded {
  const { root, name } = options;
  const nameCheck = manifestSchema.shape.name.safeParse(name);
  if (!nameCheck.success) throw new Error(`"${name}" cannot be a module name: lower-case letters and digits, starting with a letter`);
  const dir = join(root, 'subgraphs', name);
  if (existsSync(dir)) throw new Error(`subgraphs/${name} already exists`);
  const modules = readModules(root);
  const port = Math.max(...modules.map((m) => m.manifest.port)) + 1;
  const order = Math.min(989, Math.max(0, ...modules.flatMap((m) => m.manifest.dashboard.map((s) => s.order))) + 10);
  const Module = pascal(name);
  const Entity = options.entity ?? `${Module}Item`;
  if (!/^[A-Z][A-Za-z0-9]*$/.test(Entity)) throw new Error(`"${Entity}" cannot be a type name`);
  const tokens: [string, string][] = [
    ['__module__', name],
    ['__Module__', Module],
    ['__MODULE__', name.toUpperCase()],
    ['__Title__', Module],
    ['__Entity__', Entity],
    ['__entity__', camel(Entity)],
    ['__entities__', `${camel(Entity)}s`],
    ['__port__', String(port)],
    ['__order__', String(order)],
  ];
  const fill = (text: string) => tokens.reduce((result, [token, value]) => result.split(token).join(value), text);
  cpSync(join(root, 'packages/modules/templates/module'), dir, { recursive: true });
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder)) {
      const from = join(folder, entry);
      const to = join(folder, fill(entry));
      if (to !== from) renameSync(from, to);
      if (statSync(to).isDirectory()) walk(to);
      else {
        writeFileSync(to, fill(readFileSync(to, 'utf8')));
        files.push(relative(root, to));
      }
    }
  };
  walk(dir);
  mkdirSync(join(dir, 'prisma/migrations'), { recursive: true });
  return { dir, key: name.toUpperCase(), port, files: files.sort() };
}
