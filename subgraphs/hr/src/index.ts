import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { createSubgraph, type Logger } from '@tessera/service-kit';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { createHrContext, type HrContext, type HrDeps } from './context.js';
import { resolvers } from './resolvers/index.js';

export { createHrDb, type HrDb, type HrDbOptions, type HrTx } from './db.js';
export type { HrContext, HrDeps } from './context.js';

/** The HR SDL, read from the package's schema.graphql (the source of truth). */
export const hrTypeDefs = parse(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));

/** Builds the HR subgraph server; `listen(port)` starts it. Every field needs a caller with a tenant. */
export function createHrSubgraph(deps: HrDeps & { secret: string; logger: Logger }) {
  return createSubgraph<HrContext>({
    name: 'hr',
    typeDefs: hrTypeDefs,
    resolvers: resolvers as GraphQLResolverMap<HrContext>,
    secret: deps.secret,
    logger: deps.logger,
    createContext: (base) => createHrContext(deps, base),
    onStop: () => deps.db.$disconnect(),
  });
}
