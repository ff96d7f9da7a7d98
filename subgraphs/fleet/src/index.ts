import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { createSubgraph, type SubgraphServing } from '@tessera/service-kit';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { createFleetContext, type FleetContext, type FleetDeps } from './context.js';
import { resolvers } from './resolvers/index.js';

export { createFleetDb, type FleetDb, type FleetDbOptions, type FleetTx } from './db.js';
export type { FleetContext, FleetDeps } from './context.js';

/** The fleet SDL, read from the package's schema.graphql (the source of truth). */
export const fleetTypeDefs = parse(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));

/** Builds the fleet subgraph server; `listen(port)` starts it. Every field needs a caller with a tenant. */
export function createFleetSubgraph(deps: FleetDeps & SubgraphServing) {
  return createSubgraph<FleetContext>({
    name: 'fleet',
    typeDefs: fleetTypeDefs,
    resolvers: resolvers as GraphQLResolverMap<FleetContext>,
    secret: deps.secret,
    logger: deps.logger,
    probes: deps.probes,
    introspection: deps.introspection,
    createContext: (base) => createFleetContext(deps, base),
    onStop: () => deps.db.$disconnect(),
  });
}
