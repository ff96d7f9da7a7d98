import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { createSubgraph, type SubgraphServing } from '@tessera/service-kit';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { createPayrollContext, type PayrollContext, type PayrollDeps } from './context.js';
import { resolvers } from './resolvers/index.js';

export { createPayrollDb, type PayrollDb, type PayrollDbOptions, type PayrollTx } from './db.js';
export type { PayrollContext, PayrollDeps } from './context.js';
export { payrollConsumers, type PayrollConsumerDeps } from './events/consumers.js';

/** The payroll SDL, read from the package's schema.graphql (the source of truth). */
export const payrollTypeDefs = parse(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));

/** Builds the payroll subgraph server; `listen(port)` starts it. Every field needs a caller with a tenant. */
export function createPayrollSubgraph(deps: PayrollDeps & SubgraphServing) {
  return createSubgraph<PayrollContext>({
    name: 'payroll',
    typeDefs: payrollTypeDefs,
    resolvers: resolvers as GraphQLResolverMap<PayrollContext>,
    secret: deps.secret,
    logger: deps.logger,
    probes: deps.probes,
    introspection: deps.introspection,
    createContext: (base) => createPayrollContext(deps, base),
    onStop: () => deps.db.$disconnect(),
  });
}
