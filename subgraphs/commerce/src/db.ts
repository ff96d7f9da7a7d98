import { moduleClientOptions, type ModuleClientOptions } from '@tessera/prisma';
import { PrismaClient } from './generated/prisma/client.js';

/** The commerce database client. Typed with the query log event so tests can count statements. */
export type CommerceDb = PrismaClient<'query'>;
/** The client of one interactive transaction. */
export type CommerceTx = Parameters<Parameters<CommerceDb['$transaction']>[0]>[0];
export type CommerceDbOptions = ModuleClientOptions;

/** The commerce database client, connected as the non-owner app role (row-level security applies). */
export function createCommerceDb(options: CommerceDbOptions = {}): CommerceDb {
  return new PrismaClient(moduleClientOptions('commerce', options)) as CommerceDb;
}
