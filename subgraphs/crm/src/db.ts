import { PrismaPg } from '@prisma/adapter-pg';
import { appConfig } from '@tessera/prisma';
import { PrismaClient } from './generated/prisma/client.js';

/** The CRM database client. Typed with the query log event so tests can count statements. */
export type CrmDb = PrismaClient<'query'>;
/** The client of one interactive transaction. */
export type CrmTx = Parameters<Parameters<CrmDb['$transaction']>[0]>[0];

export interface CrmDbOptions {
  /** Pool size; DB_POOL_MAX or 10 when omitted. */
  poolMax?: number;
  /** Emit every statement as a `query` event (tests count them). */
  logQueries?: boolean;
}

/** The CRM database client, connected as the non-owner app role (row-level security applies). */
export function createCrmDb(options: CrmDbOptions = {}): CrmDb {
  const adapter = new PrismaPg({ ...appConfig('crm'), max: options.poolMax ?? Number(process.env.DB_POOL_MAX ?? 10) });
  return new PrismaClient({
    adapter,
    ...(options.logQueries ? { log: [{ emit: 'event' as const, level: 'query' as const }] } : {}),
  }) as CrmDb;
}
