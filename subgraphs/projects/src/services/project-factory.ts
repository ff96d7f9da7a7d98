import type { Project } from '../generated/prisma/client.js';
import type { ProjectsTx } from '../db.js';
import type { Repositories } from '../repositories/index.js';
import type { NewProject } from '../repositories/project-repository.js';
import type { ProjectsEvents } from '../events/projects-events.js';

/** A validated new project: its details, board columns and the titles of its first tasks. */
export interface ProjectPlan extends NewProject {
  columns: readonly string[];
  taskTitles: readonly string[];
}

/**
 * Creates a PLANNED project with its board and first tasks (TODO, in the leftmost column, in order)
 * inside the caller's transaction, and records projects.project.created. Used by createProject and
 * by the deal-won consumer (template projects).
 */
export async function createProjectWithBoard(
  tx: ProjectsTx,
  repositories: Repositories,
  events: ProjectsEvents,
  plan: ProjectPlan,
): Promise<Project> {
  const { columns, taskTitles, ...details } = plan;
  const project = await repositories.projects.create(tx, details);
  const board = await repositories.boards.appendColumns(tx, project.id, columns);
  const first = board.reduce((left, column) => (column.position < left.position ? column : left));
  await repositories.tasks.createMany(
    tx,
    taskTitles.map((title, position) => ({
      projectId: project.id,
      columnId: first.id,
      title,
      description: null,
      dueDate: null,
      milestoneId: null,
      position,
    })),
  );
  await events.projectCreated(tx, project);
  return project;
}
