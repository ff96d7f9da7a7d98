// Booking publishes its events and consumes none.
// Tracing is set up before anything that it instruments is loaded, hence the dynamic imports.
import { startTracing } from '@tessera/service-kit/tracing';

await startTracing({ service: 'booking' });
const { runModuleService } = await import('@tessera/service-kit');
const { bookingEnvSchema } = await import('./env.js');
const { createBookingDb, createBookingSubgraph } = await import('./index.js');

await runModuleService({
  name: 'booking',
  env: bookingEnvSchema,
  port: (env) => env.BOOKING_PORT,
  db: () => createBookingDb(),
  subgraph: ({ db, outbox, secret, logger, probes, introspection }) =>
    createBookingSubgraph({ db, outbox, secret, logger, probes, introspection }),
});
