import { moduleClientOptions, type ModuleClientOptions } from '@tessera/prisma';
import { PrismaClient } from './generated/prisma/client.js';

/** The HR database client. Typed with the query log event so tests can count statements. */
export type HrDb = PrismaClient<'query'>;
/** The client of one interactive transaction. */
export type HrTx = Parameters<Parameters<HrDb['$transaction']>[0]>[0];
export type HrDbOptions = ModuleClientOptions;

/** The HR database client, connected as the non-owner app role (row-level security applies). */
export function createHrDb(options: HrDbOptions = {}): HrDb {
  return new PrismaClient(moduleClientOptions('hr', options)) as HrDb;
}
