import { createLogger, onShutdown } from '@tessera/service-kit';
import { Outbox, startModuleEvents } from '@tessera/events';
import { loadAnalyticsEnv } from './env.js';
import { analyticsConsumers, createAnalyticsDb, createAnalyticsSubgraph } from './index.js';

const env = loadAnalyticsEnv();
const logger = createLogger('analytics', env.LOG_LEVEL);
const db = createAnalyticsDb({ poolMax: env.DB_POOL_MAX });
const subgraph = createAnalyticsSubgraph({ db, secret: env.INTERNAL_CONTEXT_SECRET, logger });
const running = await subgraph.listen(env.ANALYTICS_PORT, env.HOST);
// Analytics consumes other modules' events (see SOURCE_MODULES) and publishes analytics.dashboard.updated.
const outbox = new Outbox('analytics', env.EVENTS_NAMESPACE);
const events = await startModuleEvents({
  module: 'analytics',
  db,
  url: env.NATS_URL,
  namespace: env.EVENTS_NAMESPACE,
  streamMaxBytes: env.EVENTS_STREAM_MAX_BYTES,
  logger,
  consumers: analyticsConsumers({ outbox }),
});
onShutdown(logger, async () => {
  await running.stop();
  await events.stop();
});
