import { readFileSync } from 'node:fs';
import { gql } from 'graphql-tag';
import { createSubgraph, type SubgraphServing } from '@tessera/service-kit';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { createInvoicingContext, type InvoicingContext, type InvoicingDeps } from './context.js';
import { resolvers } from './resolvers/index.js';

export { createInvoicingDb, type InvoicingDb, type InvoicingTx } from './db.js';
export { invoicingConsumers } from './events/consumers.js';

/** The invoicing SDL, read from the package's schema.graphql (the source of truth). */
export const invoicingTypeDefs = gql(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));

/** Builds the invoicing subgraph server; `listen(port)` starts it. */
export function createInvoicingSubgraph(deps: InvoicingDeps & SubgraphServing) {
  return createSubgraph<InvoicingContext>({
    name: 'invoicing',
    typeDefs: invoicingTypeDefs,
    resolvers: resolvers as GraphQLResolverMap<InvoicingContext>,
    secret: deps.secret,
    logger: deps.logger,
    probes: deps.probes,
    introspection: deps.introspection,
    createContext: (base) => createInvoicingContext(deps, base),
    onStop: () => deps.db.$disconnect(),
  });
}
