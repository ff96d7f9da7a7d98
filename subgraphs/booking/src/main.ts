import { createLogger, onShutdown } from '@tessera/service-kit';
import { Outbox, startModuleEvents } from '@tessera/events';
import { loadBookingEnv } from './env.js';
import { createBookingDb, createBookingSubgraph } from './index.js';

const env = loadBookingEnv();
const logger = createLogger('booking', env.LOG_LEVEL);
const db = createBookingDb();
const outbox = new Outbox('booking', env.EVENTS_NAMESPACE);
// Booking publishes its events (the relay) and consumes none.
const events = await startModuleEvents({
  module: 'booking',
  db,
  url: env.NATS_URL,
  namespace: env.EVENTS_NAMESPACE,
  streamMaxBytes: env.EVENTS_STREAM_MAX_BYTES,
  logger,
});
const subgraph = createBookingSubgraph({ db, outbox, secret: env.INTERNAL_CONTEXT_SECRET, logger });
const running = await subgraph.listen(env.BOOKING_PORT, env.HOST);
onShutdown(logger, async () => {
  await running.stop();
  await events.stop();
});
