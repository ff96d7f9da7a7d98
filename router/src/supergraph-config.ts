import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

/** The repository's schema/ folder (TESSERA_ROOT's when set: a scratch copy of the repository). */
export const SCHEMA_DIR = process.env.TESSERA_ROOT
  ? resolve(process.env.TESSERA_ROOT, 'schema')
  : resolve(dirname(fileURLToPath(import.meta.url)), '../../schema');
export const SUPERGRAPH_PATH = resolve(SCHEMA_DIR, 'supergraph.graphql');
/** The dashboard's registered operations, written by codegen (the client preset's persisted documents). */
export const TRUSTED_DOCUMENTS_PATH = resolve(SCHEMA_DIR, '../dashboard/src/generated/persisted-documents.json');
/** The API schema clients see, printed from the supergraph by `npm run compose`. */
export const API_SCHEMA_PATH = resolve(SCHEMA_DIR, 'api.graphql');

export interface SubgraphEntry {
  name: string;
  routingUrl: string;
  schemaPath: string;
}

interface ConfigFile {
  subgraphs: Record<string, { routing_url: string; schema: { file: string } }>;
}

/** Reads schema/supergraph.yaml: the list of subgraphs, their default URLs and SDL files. */
export function readSupergraphConfig(path = resolve(SCHEMA_DIR, 'supergraph.yaml')): SubgraphEntry[] {
  const config = parseYaml(readFileSync(path, 'utf8')) as ConfigFile;
  return Object.entries(config.subgraphs).map(([name, entry]) => ({
    name,
    routingUrl: entry.routing_url,
    schemaPath: resolve(dirname(path), entry.schema.file),
  }));
}

/** The URL the router uses for a subgraph: SUBGRAPH_<NAME>_URL when set, else the configured default. */
export function subgraphUrl(entry: SubgraphEntry, env: NodeJS.ProcessEnv = process.env): string {
  return env[`SUBGRAPH_${entry.name.toUpperCase()}_URL`] ?? entry.routingUrl;
}
