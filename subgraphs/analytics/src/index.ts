import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { createSubgraph, type SubgraphServing } from '@tessera/service-kit';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { createAnalyticsContext, type AnalyticsContext, type AnalyticsDeps } from './context.js';
import { resolvers } from './resolvers/index.js';

export { createAnalyticsDb, type AnalyticsDb, type AnalyticsDbOptions, type AnalyticsTx } from './db.js';
export type { AnalyticsContext, AnalyticsDeps } from './context.js';
export { analyticsConsumers } from './events/consumers.js';
export { analyticsProjections, projectionOf, type Projection, type Effect } from './events/projections.js';
export { READ_MODEL_LOCK, RebuildInProgressError } from './events/rebuild-lock.js';
export { rebuildReadModels, SOURCE_MODULES, type RebuildOptions, type RebuildReport } from './events/replay.js';
export { Metric, type MetricKey } from './domain/metrics.js';

/** The analytics SDL, read from the package's schema.graphql (the source of truth). */
export const analyticsTypeDefs = parse(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));

/** Builds the analytics subgraph server; `listen(port)` starts it. Every field needs a caller with a tenant. */
export function createAnalyticsSubgraph(deps: AnalyticsDeps & SubgraphServing) {
  return createSubgraph<AnalyticsContext>({
    name: 'analytics',
    typeDefs: analyticsTypeDefs,
    resolvers: resolvers as GraphQLResolverMap<AnalyticsContext>,
    secret: deps.secret,
    logger: deps.logger,
    probes: deps.probes,
    introspection: deps.introspection,
    createContext: (base) => createAnalyticsContext(deps, base),
    onStop: () => deps.db.$disconnect(),
  });
}
