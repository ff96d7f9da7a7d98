import { createLogger, onShutdown } from '@tessera/service-kit';
import { Outbox, startModuleEvents } from '@tessera/events';
import { loadPosEnv } from './env.js';
import { createPosDb, createPosSubgraph } from './index.js';

const env = loadPosEnv();
const logger = createLogger('pos', env.LOG_LEVEL);
const db = createPosDb({ poolMax: env.DB_POOL_MAX });
const outbox = new Outbox('pos', env.EVENTS_NAMESPACE);
const subgraph = createPosSubgraph({ db, outbox, secret: env.INTERNAL_CONTEXT_SECRET, logger });
const running = await subgraph.listen(env.POS_PORT, env.HOST);
// POS publishes its events (sales, sessions) and consumes none.
const events = await startModuleEvents({
  module: 'pos',
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
