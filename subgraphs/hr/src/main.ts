import { createLogger, onShutdown } from '@tessera/service-kit';
import { Outbox, startModuleEvents } from '@tessera/events';
import { loadHrEnv } from './env.js';
import { createHrDb, createHrSubgraph } from './index.js';

const env = loadHrEnv();
const logger = createLogger('hr', env.LOG_LEVEL);
const db = createHrDb();
const outbox = new Outbox('hr', env.EVENTS_NAMESPACE);
// HR publishes its events (the relay) and consumes none.
const events = await startModuleEvents({
  module: 'hr',
  db,
  url: env.NATS_URL,
  namespace: env.EVENTS_NAMESPACE,
  streamMaxBytes: env.EVENTS_STREAM_MAX_BYTES,
  logger,
});
const subgraph = createHrSubgraph({ db, outbox, secret: env.INTERNAL_CONTEXT_SECRET, logger });
const running = await subgraph.listen(env.HR_PORT, env.HOST);
onShutdown(logger, async () => {
  await running.stop();
  await events.stop();
});
