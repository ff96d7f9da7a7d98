import { BoardRepository } from './board-repository.js';
import { ProjectRepository } from './project-repository.js';
import { TaskRepository } from './task-repository.js';
import { TemplateRepository } from './template-repository.js';
import { TimeEntryRepository } from './time-entry-repository.js';

/** The projects module's repositories, bound to one tenant (every query also filters by it). */
export function createRepositories(tenantId: string) {
  return {
    projects: new ProjectRepository(tenantId),
    boards: new BoardRepository(tenantId),
    tasks: new TaskRepository(tenantId),
    timeEntries: new TimeEntryRepository(tenantId),
    templates: new TemplateRepository(tenantId),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
