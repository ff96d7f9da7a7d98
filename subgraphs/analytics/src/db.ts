import { moduleClientOptions, type ModuleClientOptions } from '@tessera/prisma';
import { PrismaClient } from './generated/prisma/client.js';

/** The analytics database client. Typed with the query log event so tests can count statements. */
export type AnalyticsDb = PrismaClient<'query'>;
/** The client of one interactive transaction. */
export type AnalyticsTx = Parameters<Parameters<AnalyticsDb['$transaction']>[0]>[0];
export type AnalyticsDbOptions = ModuleClientOptions;

/** The analytics database client, connected as the non-owner app role (row-level security applies). */
export function createAnalyticsDb(options: AnalyticsDbOptions = {}): AnalyticsDb {
  return new PrismaClient(moduleClientOptions('analytics', options)) as AnalyticsDb;
}
