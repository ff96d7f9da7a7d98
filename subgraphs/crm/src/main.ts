import { createLogger, onShutdown } from '@tessera/service-kit';
import { Outbox, startModuleEvents } from '@tessera/events';
import { loadCrmEnv } from './env.js';
import { createCrmDb, createCrmSubgraph } from './index.js';

const env = loadCrmEnv();
const logger = createLogger('crm', env.LOG_LEVEL);
const db = createCrmDb();
const outbox = new Outbox('crm', env.EVENTS_NAMESPACE);
const subgraph = createCrmSubgraph({ db, outbox, secret: env.INTERNAL_CONTEXT_SECRET, logger });
const running = await subgraph.listen(env.CRM_PORT, env.HOST);
// CRM only publishes: the relay sends committed outbox rows to the CRM stream.
const events = await startModuleEvents({
  module: 'crm',
  db,
  url: env.NATS_URL,
  namespace: env.EVENTS_NAMESPACE,
  streamMaxBytes: env.EVENTS_STREAM_MAX_BYTES,
  logger,
});
onShutdown(logger, async () => {
  await running.stop();
  await events.stop();
});
