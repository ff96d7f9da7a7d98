import { createLogger, onShutdown } from '@tessera/service-kit';
import { Outbox, startModuleEvents } from '@tessera/events';
import { loadProjectsEnv } from './env.js';
import { createProjectsDb, createProjectsSubgraph, projectsConsumers } from './index.js';

const env = loadProjectsEnv();
const logger = createLogger('projects', env.LOG_LEVEL);
const db = createProjectsDb({ poolMax: env.DB_POOL_MAX });
const outbox = new Outbox('projects', env.EVENTS_NAMESPACE);
const subgraph = createProjectsSubgraph({ db, outbox, secret: env.INTERNAL_CONTEXT_SECRET, logger });
const running = await subgraph.listen(env.PROJECTS_PORT, env.HOST);
// Projects consumes CRM's deal-won events (template projects) and publishes its own.
const events = await startModuleEvents({
  module: 'projects',
  db,
  url: env.NATS_URL,
  namespace: env.EVENTS_NAMESPACE,
  streamMaxBytes: env.EVENTS_STREAM_MAX_BYTES,
  logger,
  consumers: projectsConsumers({ outbox }),
});
onShutdown(logger, async () => {
  await running.stop();
  await events.stop();
});
