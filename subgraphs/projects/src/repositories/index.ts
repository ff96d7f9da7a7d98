import { BoardRepository } from './board-repository.js';
import { ProjectRepository } from './project-repository.js';
import { TaskRepository } from './task-repository.js';
import { TemplateRepository } from './template-repository.js';
import { TimeEntryRepository } from './time-entry-repository.js';

/** Every projects repository, bound to one tenant. */
export interface ProjectsRepositories {
  projects: ProjectRepository;
  boards: BoardRepository;
  tasks: TaskRepository;
  timeEntries: TimeEntryRepository;
  templates: TemplateRepository;
}

export function createRepositories(tenantId: string): ProjectsRepositories {
  return {
    projects: new ProjectRepository(tenantId),
    boards: new BoardRepository(tenantId),
    tasks: new TaskRepository(tenantId),
    timeEntries: new TimeEntryRepository(tenantId),
    templates: new TemplateRepository(tenantId),
  };
}
