import { createLogger, onShutdown } from '@tessera/service-kit';
import { Outbox, startModuleEvents } from '@tessera/events';
import { loadInvoicingEnv } from './env.js';
import { createInvoicingDb, createInvoicingSubgraph, invoicingConsumers } from './index.js';

const env = loadInvoicingEnv();
const logger = createLogger('invoicing', env.LOG_LEVEL);
const db = createInvoicingDb({ poolMax: env.DB_POOL_MAX });
const outbox = new Outbox('invoicing', env.EVENTS_NAMESPACE);
const subgraph = createInvoicingSubgraph({ db, outbox, secret: env.INTERNAL_CONTEXT_SECRET, logger });
const running = await subgraph.listen(env.INVOICING_PORT, env.HOST);
const events = await startModuleEvents({
  module: 'invoicing',
  db,
  url: env.NATS_URL,
  namespace: env.EVENTS_NAMESPACE,
  streamMaxBytes: env.EVENTS_STREAM_MAX_BYTES,
  logger,
  consumers: invoicingConsumers({ db, outbox }),
});
onShutdown(logger, async () => {
  await running.stop();
  await events.stop();
});
