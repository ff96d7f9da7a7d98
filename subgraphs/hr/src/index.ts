import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { createSubgraph, type SubgraphServing } from '@tessera/service-kit';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { createHrContext, type HrContext, type HrDeps } from './context.js';
import { resolvers } from './resolvers/index.js';

export { createHrDb, type HrDb, type HrDbOptions, type HrTx } from './db.js';
export type { HrContext, HrDeps } from './context.js';

/** The HR SDL, read from the package's schema.graphql (the source of truth). */
export const hrTypeDefs = parse(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));

/** Builds the HR subgraph server; `listen(port)` starts it. Every field needs a caller with a tenant. */
export function createHrSubgraph(deps: HrDeps & SubgraphServing) {
  return createSubgraph<HrContext>({
    name: 'hr',
    typeDefs: hrTypeDefs,
    resolvers: resolvers as GraphQLResolverMap<HrContext>,
    secret: deps.secret,
    logger: deps.logger,
    probes: deps.probes,
    introspection: deps.introspection,
    createContext: (base) => createHrContext(deps, base),
    onStop: () => deps.db.$disconnect(),
  });
}
