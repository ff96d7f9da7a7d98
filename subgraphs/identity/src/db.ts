import { moduleClientOptions, type ModuleClientOptions } from '@tessera/prisma';
import { PrismaClient } from './generated/prisma/client.js';

/** The identity database client. Typed with the query log event so tests can count statements. */
export type IdentityDb = PrismaClient<'query'>;
/** The client of one interactive transaction. */
export type IdentityTx = Parameters<Parameters<IdentityDb['$transaction']>[0]>[0];

/** The identity database client, connected as the non-owner app role (row-level security applies). */
export function createIdentityDb(options: ModuleClientOptions = {}): IdentityDb {
  return new PrismaClient(moduleClientOptions('identity', options)) as IdentityDb;
}
