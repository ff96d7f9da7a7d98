import type { TaskResolvers, TimeEntryResolvers } from '../generated/graphql.js';
import { ErrorCode, TesseraError } from '@tessera/service-kit';
import { bound } from '../context.js';

/** Loads a row the task's composite foreign keys guarantee; its absence is a bug, not user input. */
function present<T>(row: T | null, what: string): T {
  if (row === null) throw new TesseraError(ErrorCode.INTERNAL_SERVER_ERROR, `${what} of a task is missing`);
  return row;
}

/** A task of the caller's tenant; a reference to another tenant's (or an unknown) id resolves to null. */
export const Task: TaskResolvers = {
  __resolveReference: (reference, context) => bound(context).loaders.taskById.load(reference.id),
  project: async (task, _args, context) => present(await bound(context).loaders.projectById.load(task.projectId), 'The project'),
  column: async (task, _args, context) => present(await bound(context).loaders.columnById.load(task.columnId), 'The column'),
  milestone: (task, _args, context) => (task.milestoneId ? bound(context).loaders.milestoneById.load(task.milestoneId) : null),
  assignees: async (task, _args, context) =>
    (await bound(context).loaders.assigneesByTaskId.load(task.id)).map((assignee) => ({ id: assignee.employeeId })),
  timeEntries: (task, _args, context) => bound(context).loaders.timeEntriesByTaskId.load(task.id),
  loggedMinutes: (task, _args, context) => bound(context).loaders.loggedMinutesByTaskId.load(task.id),
};

export const TimeEntry: TimeEntryResolvers = {
  employee: (entry) => ({ id: entry.employeeId }),
};
