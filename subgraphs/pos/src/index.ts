import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { createSubgraph, type SubgraphServing } from '@tessera/service-kit';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { createPosContext, type PosContext, type PosDeps } from './context.js';
import { resolvers } from './resolvers/index.js';

export { createPosDb, type PosDb, type PosDbOptions, type PosTx } from './db.js';
export type { PosContext, PosDeps } from './context.js';

/** The pos SDL, read from the package's schema.graphql (the source of truth). */
export const posTypeDefs = parse(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));

/** Builds the pos subgraph server; `listen(port)` starts it. Every field needs a caller with a tenant. */
export function createPosSubgraph(deps: PosDeps & SubgraphServing) {
  return createSubgraph<PosContext>({
    name: 'pos',
    typeDefs: posTypeDefs,
    resolvers: resolvers as GraphQLResolverMap<PosContext>,
    secret: deps.secret,
    logger: deps.logger,
    probes: deps.probes,
    introspection: deps.introspection,
    createContext: (base) => createPosContext(deps, base),
    onStop: () => deps.db.$disconnect(),
  });
}
