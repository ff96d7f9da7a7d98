import { defineModule } from '@tessera/service-kit';
import { projectsTenant, type TenantBound } from './context.js';
import { createProjectsDb, type ProjectsDb, type ProjectsTx } from './db.js';
import { projectsConsumers } from './events/consumers.js';
import { resolvers } from './resolvers/index.js';
import { permissions } from './permissions.js';

export { createProjectsDb, type ProjectsDb, type ProjectsDbOptions, type ProjectsTx } from './db.js';
export type { ProjectsContext } from './context.js';
export { projectsConsumers, type ProjectsConsumerDeps } from './events/consumers.js';

/** Projects: projects per contact, tasks, milestones and time; a won deal starts a project. */
export default defineModule<ProjectsDb, ProjectsTx, TenantBound>({
  manifest: new URL('../module.json', import.meta.url),
  schema: new URL('../schema.graphql', import.meta.url),
  resolvers,
  permissions,
  db: createProjectsDb,
  tenant: projectsTenant,
  consumers: ({ outbox }) => projectsConsumers({ outbox }),
});
