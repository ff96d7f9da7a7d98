// Analytics builds its read models from other modules' events and publishes analytics.dashboard.updated.
// Tracing is set up before anything that it instruments is loaded, hence the dynamic imports.
import { startTracing } from '@tessera/service-kit/tracing';

await startTracing({ service: 'analytics' });
const { runModuleService } = await import('@tessera/service-kit');
const { analyticsEnvSchema } = await import('./env.js');
const { analyticsConsumers, createAnalyticsDb, createAnalyticsSubgraph } = await import('./index.js');

await runModuleService({
  name: 'analytics',
  env: analyticsEnvSchema,
  port: (env) => env.ANALYTICS_PORT,
  db: (env) => createAnalyticsDb({ poolMax: env.DB_POOL_MAX }),
  subgraph: ({ db, secret, logger, probes, introspection }) => createAnalyticsSubgraph({ db, secret, logger, probes, introspection }),
  consumers: ({ outbox }) => analyticsConsumers({ outbox }),
});
