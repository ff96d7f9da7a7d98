import { readFileSync } from 'node:fs';
import { gql } from 'graphql-tag';
import { createSubgraph, type SubgraphServing } from '@tessera/service-kit';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { createIdentityContext, type IdentityContext, type IdentityDeps } from './context.js';
import { resolvers } from './resolvers/index.js';

export { createIdentityDb } from './db.js';

/** The identity SDL, read from the package's schema.graphql (the source of truth). */
export const identityTypeDefs = gql(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));

/** Builds the identity subgraph server; `listen(port)` starts it. */
export function createIdentitySubgraph(deps: IdentityDeps & SubgraphServing) {
  return createSubgraph<IdentityContext>({
    name: 'identity',
    typeDefs: identityTypeDefs,
    resolvers: resolvers as GraphQLResolverMap<IdentityContext>,
    secret: deps.secret,
    logger: deps.logger,
    probes: deps.probes,
    introspection: deps.introspection,
    anonymousFields: ['signUp', 'login'],
    createContext: (base) => createIdentityContext(deps, base),
    onStop: () => deps.db.$disconnect(),
  });
}
