import DataLoader from 'dataloader';
import type { TenantScope } from '@tessera/prisma';
import { distinctUuids, manyByKey, oneByKey } from '@tessera/service-kit';
import type { BoardColumn, Milestone, Project, Task, TaskAssignee, TaskState, TimeEntry } from './generated/prisma/client.js';
import type { ProjectsTx } from './db.js';
import { OPEN_TASK_STATES } from './domain/rules.js';
import type { ProjectsRepositories } from './repositories/index.js';

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
  tasksByAssignee(states: readonly TaskState[] | null | undefined): DataLoader<string, Task[]>;
}

const OPTIONS = { maxBatchSize: 1000 } as const;

const filterKey = (states: readonly TaskState[] | null | undefined) => (states ? [...new Set(states)].sort() : null);

export function createLoaders(scope: TenantScope<ProjectsTx>, repositories: ProjectsRepositories): ProjectsLoaders {
  const { projects, boards, tasks, timeEntries } = repositories;
  /** Runs one batch query in a tenant transaction; no statement at all without well-formed ids. */
  const fetch = async <T>(ids: readonly string[], query: (tx: ProjectsTx, wanted: string[]) => Promise<T>, none: T): Promise<T> => {
    const wanted = distinctUuids(ids);
    return wanted.length === 0 ? none : scope.run((tx) => query(tx, wanted));
  };
  const projectById = new DataLoader<string, Project | null>(
    async (ids) => oneByKey(ids, await fetch(ids, (tx, w) => projects.findByIds(tx, w), []), (r) => r.id),
    OPTIONS,
  );
  const taskById = new DataLoader<string, Task | null>(
    async (ids) => oneByKey(ids, await fetch(ids, (tx, w) => tasks.findByIds(tx, w), []), (r) => r.id),
    OPTIONS,
  );
  const columnById = new DataLoader<string, BoardColumn | null>(
    async (ids) => oneByKey(ids, await fetch(ids, (tx, w) => boards.columnsByIds(tx, w), []), (r) => r.id),
    OPTIONS,
  );
  const milestoneById = new DataLoader<string, Milestone | null>(
    async (ids) => oneByKey(ids, await fetch(ids, (tx, w) => boards.milestonesByIds(tx, w), []), (r) => r.id),
    OPTIONS,
  );
  /** Rows fetched as lists are primed into the by-id loaders, so a reference back to them costs nothing. */
  const primed = <T extends { id: string }>(loader: DataLoader<string, T | null>, rows: T[]): T[] => {
    for (const row of rows) loader.prime(row.id, row);
    return rows;
  };
  const counts = (query: (tx: ProjectsTx, wanted: string[]) => Promise<Map<string, number>>) =>
    new DataLoader<string, number>(async (ids) => {
      const map = await fetch(ids, query, new Map<string, number>());
      return ids.map((id) => map.get(id) ?? 0);
    }, OPTIONS);
  const byProject = new Map<string, DataLoader<string, Task[]>>();
  const byAssignee = new Map<string, DataLoader<string, Task[]>>();
  return {
    projectById,
    taskById,
    columnById,
    milestoneById,
    projectsByContactId: new DataLoader(
      async (ids) =>
        manyByKey(ids, primed(projectById, await fetch(ids, (tx, w) => projects.listByContactIds(tx, w), [])), (r) => r.contactId),
      OPTIONS,
    ),
    columnsByProjectId: new DataLoader(
      async (ids) =>
        manyByKey(ids, primed(columnById, await fetch(ids, (tx, w) => boards.columnsOfProjects(tx, w), [])), (r) => r.projectId),
      OPTIONS,
    ),
    milestonesByProjectId: new DataLoader(
      async (ids) =>
        manyByKey(ids, primed(milestoneById, await fetch(ids, (tx, w) => boards.milestonesOfProjects(tx, w), [])), (r) => r.projectId),
      OPTIONS,
    ),
    tasksByColumnId: new DataLoader(
      async (ids) => manyByKey(ids, primed(taskById, await fetch(ids, (tx, w) => tasks.listByColumnIds(tx, w), [])), (r) => r.columnId),
      OPTIONS,
    ),
    assigneesByTaskId: new DataLoader(
      async (ids) => manyByKey(ids, await fetch(ids, (tx, w) => tasks.assigneesOf(tx, w), []), (r) => r.taskId),
      OPTIONS,
    ),
    timeEntriesByTaskId: new DataLoader(
      async (ids) => manyByKey(ids, await fetch(ids, (tx, w) => timeEntries.listByTaskIds(tx, w), []), (r) => r.taskId),
      OPTIONS,
    ),
    openTaskCountByProjectId: counts((tx, w) => tasks.countByProject(tx, w, OPEN_TASK_STATES)),
    loggedMinutesByTaskId: counts((tx, w) => timeEntries.minutesByTask(tx, w)),
    loggedMinutesByProjectId: counts((tx, w) => timeEntries.minutesByProject(tx, w)),
    tasksByProjectId(states) {
      const filter = filterKey(states);
      const key = filter ? filter.join(',') : '*';
      let loader = byProject.get(key);
      if (!loader) {
        loader = new DataLoader(
          async (ids) =>
            manyByKey(ids, primed(taskById, await fetch(ids, (tx, w) => tasks.listByProjectIds(tx, w, filter), [])), (r) => r.projectId),
          OPTIONS,
        );
        byProject.set(key, loader);
      }
      return loader;
    },
    tasksByAssignee(states) {
      const filter = filterKey(states);
      const key = filter ? filter.join(',') : '*';
      let loader = byAssignee.get(key);
      if (!loader) {
        loader = new DataLoader(async (ids) => {
          const rows = await fetch(ids, (tx, w) => tasks.listByAssignees(tx, w, filter), []);
          for (const row of rows) taskById.prime(row.task.id, row.task);
          return manyByKey(ids, rows, (r) => r.employeeId).map((list) => list.map((r) => r.task));
        }, OPTIONS);
        byAssignee.set(key, loader);
      }
      return loader;
    },
  };
}
