import { moduleClientOptions, type ModuleClientOptions } from '@tessera/prisma';
import { PrismaClient } from './generated/prisma/client.js';

/** The __Title__ database client (typed with the query log event, so tests can count statements). */
export type __Module__Db = PrismaClient<'query'>;
/** The client of one interactive transaction. */
export type __Module__Tx = Parameters<Parameters<__Module__Db['$transaction']>[0]>[0];

/** The __Title__ database client, connected as the non-owner app role (row-level security applies). */
export function create__Module__Db(options: ModuleClientOptions = {}): __Module__Db {
  return new PrismaClient(moduleClientOptions('__module__', options)) as __Module__Db;
}
