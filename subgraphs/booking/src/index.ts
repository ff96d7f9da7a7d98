import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { createSubgraph, type SubgraphServing } from '@tessera/service-kit';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { createBookingContext, type BookingContext, type BookingDeps } from './context.js';
import { resolvers } from './resolvers/index.js';

export { createBookingDb, type BookingDb, type BookingDbOptions, type BookingTx } from './db.js';
export type { BookingContext, BookingDeps } from './context.js';

/** The booking SDL, read from the package's schema.graphql (the source of truth). */
export const bookingTypeDefs = parse(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));

/** Builds the booking subgraph server; `listen(port)` starts it. Every field needs a caller with a tenant. */
export function createBookingSubgraph(deps: BookingDeps & SubgraphServing) {
  return createSubgraph<BookingContext>({
    name: 'booking',
    typeDefs: bookingTypeDefs,
    resolvers: resolvers as GraphQLResolverMap<BookingContext>,
    secret: deps.secret,
    logger: deps.logger,
    probes: deps.probes,
    introspection: deps.introspection,
    createContext: (base) => createBookingContext(deps, base),
    onStop: () => deps.db.$disconnect(),
  });
}
