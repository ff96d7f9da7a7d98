import { createLogger, onShutdown } from '@tessera/service-kit';
import { Outbox, startModuleEvents } from '@tessera/events';
import { loadCommerceEnv } from './env.js';
import { commerceConsumers, createCommerceDb, createCommerceSubgraph } from './index.js';

const env = loadCommerceEnv();
const logger = createLogger('commerce', env.LOG_LEVEL);
const db = createCommerceDb({ poolMax: env.DB_POOL_MAX });
const outbox = new Outbox('commerce', env.EVENTS_NAMESPACE);
const subgraph = createCommerceSubgraph({ db, outbox, secret: env.INTERNAL_CONTEXT_SECRET, logger });
const running = await subgraph.listen(env.COMMERCE_PORT, env.HOST);
// Commerce publishes its order and stock events and takes POS sales out of stock.
const events = await startModuleEvents({
  module: 'commerce',
  db,
  url: env.NATS_URL,
  namespace: env.EVENTS_NAMESPACE,
  streamMaxBytes: env.EVENTS_STREAM_MAX_BYTES,
  logger,
  consumers: commerceConsumers({ outbox }),
});
onShutdown(logger, async () => {
  await running.stop();
  await events.stop();
});
