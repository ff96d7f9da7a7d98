import type DataLoader from 'dataloader';
import { perArguments, primed, tenantLoaders, type LoaderScope } from '@tessera/service-kit';
import type { ProjectsTx } from './db.js';
import { OPEN_TASK_STATES } from './domain/rules.js';
import type { BoardColumn, Milestone, Project, Task, TaskAssignee, TaskState, TimeEntry } from './generated/prisma/client.js';
import type { Repositories } from './repositories/index.js';

/**
 * The request's DataLoaders: every entity reference and every list-per-parent field costs ONE SQL
 * statement per plan step, however many parents ask. Ids that cannot be UUIDs match nothing
 * without reaching the database.
 */
export interface ProjectsLoaders {
  projectById: DataLoader<string, Project | null>;
  taskById: DataLoader<string, Task | null>;
  columnById: DataLoader<string, BoardColumn | null>;
  milestoneById: DataLoader<string, Milestone | null>;
  projectsByContactId: DataLoader<string, Project[]>;
  columnsByProjectId: DataLoader<string, BoardColumn[]>;
  milestonesByProjectId: DataLoader<string, Milestone[]>;
  tasksByColumnId: DataLoader<string, Task[]>;
  assigneesByTaskId: DataLoader<string, TaskAssignee[]>;
  timeEntriesByTaskId: DataLoader<string, TimeEntry[]>;
  openTaskCountByProjectId: DataLoader<string, number>;
  loggedMinutesByTaskId: DataLoader<string, number>;
  loggedMinutesByProjectId: DataLoader<string, number>;
  /** One loader per distinct state filter (a plan step's parents share one filter). */
  tasksByProjectId(states: readonly TaskState[] | null | undefined): DataLoader<string, Task[]>;
  /** The tasks assigned to each employee, as (employee, task) pairs. */
  tasksByAssignee(states: readonly TaskState[] | null | undefined): DataLoader<string, { employeeId: string; task: Task }[]>;
}

/** A state filter as one key: the same states in any order (or repeated) share one loader. */
const filterKey = (states: readonly TaskState[] | null | undefined) => (states ? [...new Set(states)].sort() : null);

export function createLoaders(scope: LoaderScope<ProjectsTx>, repositories: Repositories): ProjectsLoaders {
  const { projects, boards, tasks, timeEntries } = repositories;
  const load = tenantLoaders(scope);
  const projectById = load.byId((tx, ids) => projects.findByIds(tx, ids));
  const taskById = load.byId((tx, ids) => tasks.findByIds(tx, ids));
  const columnById = load.byId((tx, ids) => boards.columnsByIds(tx, ids));
  const milestoneById = load.byId((tx, ids) => boards.milestonesByIds(tx, ids));
  // Rows fetched as lists are primed into the by-id loaders, so a reference back to them costs nothing.
  const byProject = perArguments((states: TaskState[] | null) =>
    load.byParent(
      async (tx, ids) => primed(taskById, await tasks.listByProjectIds(tx, ids, states)),
      (row) => row.projectId,
    ),
  );
  const byAssignee = perArguments((states: TaskState[] | null) =>
    load.byParent(
      async (tx, ids) => {
        const rows = await tasks.listByAssignees(tx, ids, states);
        primed(
          taskById,
          rows.map((row) => row.task),
        );
        return rows;
      },
      (row) => row.employeeId,
    ),
  );
  return {
    projectById,
    taskById,
    columnById,
    milestoneById,
    projectsByContactId: load.byParent(
      async (tx, ids) => primed(projectById, await projects.listByContactIds(tx, ids)),
      (row) => row.contactId,
    ),
    columnsByProjectId: load.byParent(
      async (tx, ids) => primed(columnById, await boards.columnsOfProjects(tx, ids)),
      (row) => row.projectId,
    ),
    milestonesByProjectId: load.byParent(
      async (tx, ids) => primed(milestoneById, await boards.milestonesOfProjects(tx, ids)),
      (row) => row.projectId,
    ),
    tasksByColumnId: load.byParent(
      async (tx, ids) => primed(taskById, await tasks.listByColumnIds(tx, ids)),
      (row) => row.columnId,
    ),
    assigneesByTaskId: load.byParent(
      (tx, ids) => tasks.assigneesOf(tx, ids),
      (row) => row.taskId,
    ),
    timeEntriesByTaskId: load.byParent(
      (tx, ids) => timeEntries.listByTaskIds(tx, ids),
      (row) => row.taskId,
    ),
    openTaskCountByProjectId: load.values((tx, ids) => tasks.countByProject(tx, ids, OPEN_TASK_STATES), 0),
    loggedMinutesByTaskId: load.values((tx, ids) => timeEntries.minutesByTask(tx, ids), 0),
    loggedMinutesByProjectId: load.values((tx, ids) => timeEntries.minutesByProject(tx, ids), 0),
    tasksByProjectId: (states) => byProject(filterKey(states)),
    tasksByAssignee: (states) => byAssignee(filterKey(states)),
  };
}
