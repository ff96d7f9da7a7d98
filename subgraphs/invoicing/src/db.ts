import { PrismaPg } from '@prisma/adapter-pg';
import { appConfig } from '@tessera/prisma';
import { PrismaClient } from './generated/prisma/client.js';

export type InvoicingDb = PrismaClient;
/** The client of one interactive transaction. */
export type InvoicingTx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

export interface InvoicingDbOptions {
  /** Pool size (default DB_POOL_MAX or 10). */
  poolMax?: number;
}

/** The invoicing database client, connected as the non-owner app role (row-level security applies). */
export function createInvoicingDb(options: InvoicingDbOptions = {}): InvoicingDb {
  const max = options.poolMax ?? Number(process.env.DB_POOL_MAX ?? 10);
  return new PrismaClient({ adapter: new PrismaPg({ ...appConfig('invoicing'), max }) });
}
