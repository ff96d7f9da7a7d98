import { moduleClientOptions, type ModuleClientOptions } from '@tessera/prisma';
import { PrismaClient } from './generated/prisma/client.js';

/** The booking database client. Typed with the query log event so tests can count statements. */
export type BookingDb = PrismaClient<'query'>;
/** The client of one interactive transaction. */
export type BookingTx = Parameters<Parameters<BookingDb['$transaction']>[0]>[0];
export type BookingDbOptions = ModuleClientOptions;

/** The booking database client, connected as the non-owner app role (row-level security applies). */
export function createBookingDb(options: BookingDbOptions = {}): BookingDb {
  return new PrismaClient(moduleClientOptions('booking', options)) as BookingDb;
}
