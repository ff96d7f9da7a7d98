import { createLogger, onShutdown } from '@tessera/service-kit';
import { Outbox, startModuleEvents } from '@tessera/events';
import { loadFleetEnv } from './env.js';
import { createFleetDb, createFleetSubgraph } from './index.js';

const env = loadFleetEnv();
const logger = createLogger('fleet', env.LOG_LEVEL);
const db = createFleetDb({ poolMax: env.DB_POOL_MAX });
const outbox = new Outbox('fleet', env.EVENTS_NAMESPACE);
const subgraph = createFleetSubgraph({ db, outbox, secret: env.INTERNAL_CONTEXT_SECRET, logger });
const running = await subgraph.listen(env.FLEET_PORT, env.HOST);
// Fleet only publishes (vehicles, trips, costs); it consumes no other module's events.
const events = await startModuleEvents({
  module: 'fleet',
  db,
  url: env.NATS_URL,
  namespace: env.EVENTS_NAMESPACE,
  streamMaxBytes: env.EVENTS_STREAM_MAX_BYTES,
  logger,
  consumers: [],
});
onShutdown(logger, async () => {
  await running.stop();
  await events.stop();
});
