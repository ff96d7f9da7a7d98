import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { createSubgraph, type SubgraphServing } from '@tessera/service-kit';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { createCommerceContext, type CommerceContext, type CommerceDeps } from './context.js';
import { resolvers } from './resolvers/index.js';

export { createCommerceDb, type CommerceDb, type CommerceDbOptions, type CommerceTx } from './db.js';
export type { CommerceContext, CommerceDeps } from './context.js';
export { commerceConsumers, type CommerceConsumerDeps } from './events/consumers.js';

/** The commerce SDL, read from the package's schema.graphql (the source of truth). */
export const commerceTypeDefs = parse(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));

/** Builds the commerce subgraph server; `listen(port)` starts it. Every field needs a caller with a tenant. */
export function createCommerceSubgraph(deps: CommerceDeps & SubgraphServing) {
  return createSubgraph<CommerceContext>({
    name: 'commerce',
    typeDefs: commerceTypeDefs,
    resolvers: resolvers as GraphQLResolverMap<CommerceContext>,
    secret: deps.secret,
    logger: deps.logger,
    probes: deps.probes,
    introspection: deps.introspection,
    createContext: (base) => createCommerceContext(deps, base),
    onStop: () => deps.db.$disconnect(),
  });
}
