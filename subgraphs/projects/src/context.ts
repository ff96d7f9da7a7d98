import type { Outbox } from '@tessera/events';
import { TenantScope } from '@tessera/prisma';
import { ErrorCode, TesseraError, type RequestContext } from '@tessera/service-kit';
import type { ProjectsDb, ProjectsTx } from './db.js';
import { createLoaders, type ProjectsLoaders } from './loaders.js';
import { createRepositories } from './repositories/index.js';
import { ProjectsEvents } from './services/events.js';
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

export interface ProjectsContext extends RequestContext {
  /** null for a signed context without a tenant: the subgraph refuses such callers every field. */
  projects: TenantBound | null;
}

export interface ProjectsDeps {
  db: ProjectsDb;
  /** The projects module's outbox (`new Outbox('projects', namespace)`). */
  outbox: Outbox;
  /** The clock (tests may fix it); defaults to the system time. */
  now?: () => Date;
}

/** Builds the request context: repositories and services bound to the caller's tenant, fresh DataLoaders. */
export function createProjectsContext(deps: ProjectsDeps, base: RequestContext): ProjectsContext {
  const { tenantId, role } = base.caller;
  if (!tenantId) return { ...base, projects: null };
  const scope = new TenantScope<ProjectsTx>(deps.db, tenantId);
  const repositories = createRepositories(tenantId);
  const loaders = createLoaders(scope, repositories);
  const events = new ProjectsEvents(deps.outbox, tenantId);
  const now = deps.now ?? (() => new Date());
  return {
    ...base,
    projects: {
      projects: new ProjectService(scope, repositories, loaders, events, now),
      tasks: new TaskService(scope, repositories, loaders, events, now),
      templates: new TemplateService(scope, repositories, role),
      loaders,
    },
  };
}

/** The tenant-bound part of the context; callers without a tenant never reach a resolver. */
export function bound(context: ProjectsContext): TenantBound {
  if (!context.projects) throw new TesseraError(ErrorCode.UNAUTHENTICATED, 'Authentication required');
  return context.projects;
}
