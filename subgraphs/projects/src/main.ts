// Projects consumes CRM's deal-won events (template projects) and publishes its own.
// Tracing is set up before anything that it instruments is loaded, hence the dynamic imports.
import { startTracing } from '@tessera/service-kit/tracing';

await startTracing({ service: 'projects' });
const { runModuleService } = await import('@tessera/service-kit');
const { projectsEnvSchema } = await import('./env.js');
const { createProjectsDb, createProjectsSubgraph, projectsConsumers } = await import('./index.js');

await runModuleService({
  name: 'projects',
  env: projectsEnvSchema,
  port: (env) => env.PROJECTS_PORT,
  db: (env) => createProjectsDb({ poolMax: env.DB_POOL_MAX }),
  subgraph: ({ db, outbox, secret, logger, probes, introspection }) =>
    createProjectsSubgraph({ db, outbox, secret, logger, probes, introspection }),
  consumers: ({ outbox }) => projectsConsumers({ outbox }),
});
