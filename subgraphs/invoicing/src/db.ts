import { moduleClientOptions, type ModuleClientOptions } from '@tessera/prisma';
import { PrismaClient } from './generated/prisma/client.js';

/** The invoicing database client. Typed with the query log event so tests can count statements. */
export type InvoicingDb = PrismaClient<'query'>;
/** The client of one interactive transaction. */
export type InvoicingTx = Parameters<Parameters<InvoicingDb['$transaction']>[0]>[0];
export type InvoicingDbOptions = ModuleClientOptions;

/** The invoicing database client, connected as the non-owner app role (row-level security applies). */
export function createInvoicingDb(options: InvoicingDbOptions = {}): InvoicingDb {
  return new PrismaClient(moduleClientOptions('invoicing', options)) as InvoicingDb;
}
