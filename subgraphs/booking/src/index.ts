import { defineModule } from '@tessera/service-kit';
import { bookingTenant, type TenantBound } from './context.js';
import { createBookingDb, type BookingDb, type BookingTx } from './db.js';
import { resolvers } from './resolvers/index.js';
import { permissions } from './permissions.js';

export { createBookingDb, type BookingDb, type BookingDbOptions, type BookingTx } from './db.js';
export type { BookingContext } from './context.js';

/** Booking: services, resources with availability, and appointments. It publishes its events and consumes none. */
export default defineModule<BookingDb, BookingTx, TenantBound>({
  manifest: new URL('../module.json', import.meta.url),
  schema: new URL('../schema.graphql', import.meta.url),
  resolvers,
  permissions,
  db: createBookingDb,
  tenant: bookingTenant,
});
