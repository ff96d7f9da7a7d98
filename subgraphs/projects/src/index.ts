import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { createSubgraph, type SubgraphServing } from '@tessera/service-kit';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { createProjectsContext, type ProjectsContext, type ProjectsDeps } from './context.js';
import { resolvers } from './resolvers/index.js';

export { createProjectsDb, type ProjectsDb, type ProjectsDbOptions, type ProjectsTx } from './db.js';
export type { ProjectsContext, ProjectsDeps } from './context.js';
export { projectsConsumers, type ProjectsConsumerDeps } from './events/consumers.js';

/** The projects SDL, read from the package's schema.graphql (the source of truth). */
export const projectsTypeDefs = parse(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));

/** Builds the projects subgraph server; `listen(port)` starts it. Every field needs a caller with a tenant. */
export function createProjectsSubgraph(deps: ProjectsDeps & SubgraphServing) {
  return createSubgraph<ProjectsContext>({
    name: 'projects',
    typeDefs: projectsTypeDefs,
    resolvers: resolvers as GraphQLResolverMap<ProjectsContext>,
    secret: deps.secret,
    logger: deps.logger,
    probes: deps.probes,
    introspection: deps.introspection,
    createContext: (base) => createProjectsContext(deps, base),
    onStop: () => deps.db.$disconnect(),
  });
}
