import { moduleClientOptions, type ModuleClientOptions } from '@tessera/prisma';
import { PrismaClient } from './generated/prisma/client.js';

/** The pos database client. Typed with the query log event so tests can count statements. */
export type PosDb = PrismaClient<'query'>;
/** The client of one interactive transaction. */
export type PosTx = Parameters<Parameters<PosDb['$transaction']>[0]>[0];
export type PosDbOptions = ModuleClientOptions;

/** The pos database client, connected as the non-owner app role (row-level security applies). */
export function createPosDb(options: PosDbOptions = {}): PosDb {
  return new PrismaClient(moduleClientOptions('pos', options)) as PosDb;
}
