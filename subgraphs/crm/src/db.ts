import { moduleClientOptions, type ModuleClientOptions } from '@tessera/prisma';
import { PrismaClient } from './generated/prisma/client.js';

/** The CRM database client. Typed with the query log event so tests can count statements. */
export type CrmDb = PrismaClient<'query'>;
/** The client of one interactive transaction. */
export type CrmTx = Parameters<Parameters<CrmDb['$transaction']>[0]>[0];
export type CrmDbOptions = ModuleClientOptions;

/** The CRM database client, connected as the non-owner app role (row-level security applies). */
export function createCrmDb(options: CrmDbOptions = {}): CrmDb {
  return new PrismaClient(moduleClientOptions('crm', options)) as CrmDb;
}
