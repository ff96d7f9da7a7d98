import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { createSubgraph, type SubgraphServing } from '@tessera/service-kit';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { createCrmContext, type CrmContext, type CrmDeps } from './context.js';
import { resolvers } from './resolvers/index.js';

export { createCrmDb, type CrmDb, type CrmDbOptions } from './db.js';
export type { CrmContext, CrmDeps } from './context.js';

/** The CRM SDL, read from the package's schema.graphql (the source of truth). */
export const crmTypeDefs = parse(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));

/** Builds the CRM subgraph server; `listen(port)` starts it. Every field needs a caller with a tenant. */
export function createCrmSubgraph(deps: CrmDeps & SubgraphServing) {
  return createSubgraph<CrmContext>({
    name: 'crm',
    typeDefs: crmTypeDefs,
    resolvers: resolvers as GraphQLResolverMap<CrmContext>,
    secret: deps.secret,
    logger: deps.logger,
    probes: deps.probes,
    introspection: deps.introspection,
    createContext: (base) => createCrmContext(deps, base),
    onStop: () => deps.db.$disconnect(),
  });
}
