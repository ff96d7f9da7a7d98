import type { ModuleContext, TenantDeps } from '@tessera/service-kit';
import type { ProjectsDb, ProjectsTx } from './db.js';
import { ProjectsEvents } from './events/projects-events.js';
import { createLoaders, type ProjectsLoaders } from './loaders.js';
import { createRepositories } from './repositories/index.js';
import { ProjectService } from './services/project-service.js';
import { TaskService } from './services/task-service.js';
import { TemplateService } from './services/template-service.js';

/** Per-request services and loaders of an authenticated caller, bound to the caller's tenant. */
export interface TenantBound {
  projects: ProjectService;
  tasks: TaskService;
  templates: TemplateService;
  loaders: ProjectsLoaders;
}

export type ProjectsContext = ModuleContext<TenantBound>;

/** Builds the request context: repositories and services bound to the caller's tenant, fresh DataLoaders. */
export function projectsTenant(deps: TenantDeps<ProjectsDb, ProjectsTx, unknown>): TenantBound {
  const { tenantId } = deps.caller;
  const scope = deps.scope;
  const repositories = createRepositories(tenantId);
  const loaders = createLoaders(scope, repositories);
  const events = new ProjectsEvents(deps.outbox, tenantId);
  const now = deps.now;
  return {
    projects: new ProjectService(scope, repositories, loaders, events, now, deps.references),
    tasks: new TaskService(scope, repositories, loaders, events, now, deps.references),
    templates: new TemplateService(scope, repositories),
    loaders,
  };
}

export { bound } from '@tessera/service-kit';
