import { moduleClientOptions, type ModuleClientOptions } from '@tessera/prisma';
import { PrismaClient } from './generated/prisma/client.js';

/** The fleet database client. Typed with the query log event so tests can count statements. */
export type FleetDb = PrismaClient<'query'>;
/** The client of one interactive transaction. */
export type FleetTx = Parameters<Parameters<FleetDb['$transaction']>[0]>[0];
export type FleetDbOptions = ModuleClientOptions;

/** The fleet database client, connected as the non-owner app role (row-level security applies). */
export function createFleetDb(options: FleetDbOptions = {}): FleetDb {
  return new PrismaClient(moduleClientOptions('fleet', options)) as FleetDb;
}
