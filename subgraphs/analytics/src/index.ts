import { defineModule } from '@tessera/service-kit';
import { analyticsTenant, type TenantBound } from './context.js';
import { createAnalyticsDb, type AnalyticsDb, type AnalyticsTx } from './db.js';
import { analyticsConsumers } from './events/consumers.js';
import { resolvers } from './resolvers/index.js';
import { permissions } from './permissions.js';

export { createAnalyticsDb, type AnalyticsDb, type AnalyticsDbOptions, type AnalyticsTx } from './db.js';
export type { AnalyticsContext } from './context.js';
export { analyticsConsumers } from './events/consumers.js';
export { analyticsProjections, projectionOf, type Projection, type Effect } from './events/projections.js';
export { READ_MODEL_LOCK, RebuildInProgressError } from './events/rebuild-lock.js';
export { rebuildReadModels, SOURCE_MODULES, type RebuildOptions, type RebuildReport } from './events/replay.js';
export { Metric, type MetricKey } from './domain/metrics.js';

/** Analytics: dashboard read models and the activity feed, built only from other modules' events. */
export default defineModule<AnalyticsDb, AnalyticsTx, TenantBound>({
  manifest: new URL('../module.json', import.meta.url),
  schema: new URL('../schema.graphql', import.meta.url),
  resolvers,
  permissions,
  db: createAnalyticsDb,
  tenant: analyticsTenant,
  consumers: ({ outbox }) => analyticsConsumers({ outbox }),
});
