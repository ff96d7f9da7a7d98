import { invalid, valid, type Checked, type UserError } from '@tessera/service-kit';
import { duplicateColumn, refuse } from '../errors.js';
import type { ProjectStatus, TaskState } from '../generated/prisma/enums.js';

/** Where a project may go from each status: COMPLETED and CANCELLED are final. */
const PROJECT_TRANSITIONS: Record<ProjectStatus, readonly ProjectStatus[]> = {
  PLANNED: ['ACTIVE', 'ON_HOLD', 'CANCELLED'],
  ACTIVE: ['ON_HOLD', 'COMPLETED', 'CANCELLED'],
  ON_HOLD: ['ACTIVE', 'CANCELLED'],
  COMPLETED: [],
  CANCELLED: [],
};

/**
 * Where a task may go from each state. BLOCKED must be unblocked before it is DONE; DONE and
 * CANCELLED can only be reopened to TODO.
 */
const TASK_TRANSITIONS: Record<TaskState, readonly TaskState[]> = {
  TODO: ['IN_PROGRESS', 'BLOCKED', 'DONE', 'CANCELLED'],
  IN_PROGRESS: ['TODO', 'BLOCKED', 'DONE', 'CANCELLED'],
  BLOCKED: ['TODO', 'IN_PROGRESS', 'CANCELLED'],
  DONE: ['TODO'],
  CANCELLED: ['TODO'],
};

/** The states a task counts as open in (Project.openTaskCount). */
export const OPEN_TASK_STATES: readonly TaskState[] = ['TODO', 'IN_PROGRESS', 'BLOCKED'];

export const canMoveProject = (from: ProjectStatus, to: ProjectStatus): boolean => PROJECT_TRANSITIONS[from].includes(to);
export const canMoveTask = (from: TaskState, to: TaskState): boolean => TASK_TRANSITIONS[from].includes(to);

/** Whether a project still takes new tasks and time: not COMPLETED nor CANCELLED. */
export const isProjectOpen = (status: ProjectStatus): boolean => status !== 'COMPLETED' && status !== 'CANCELLED';

export const MAX_MINUTES_PER_ENTRY = 24 * 60;
export const MAX_NAME_LENGTH = 200;
export const DEFAULT_COLUMNS: readonly string[] = ['Backlog', 'To do', 'Doing', 'Done'];

/** A required, trimmed name of at most 200 characters. */
export function checkName(value: string, field: string[], what = 'Name'): Checked<string> {
  const name = value.trim();
  if (name.length === 0) return invalid(refuse('INVALID', `${what} must not be empty`, field));
  if (name.length > MAX_NAME_LENGTH) return invalid(refuse('INVALID', `${what} must be at most ${MAX_NAME_LENGTH} characters`, field));
  return valid(name);
}

/** A whole number of minutes in 1..1440 (one entry never exceeds a day). */
export function checkMinutes(minutes: number, field: string[]): Checked<number> {
  if (!Number.isInteger(minutes) || minutes <= 0)
    return invalid(refuse('INVALID_MINUTES', 'Minutes must be a positive whole number', field));
  if (minutes > MAX_MINUTES_PER_ENTRY)
    return invalid(refuse('INVALID_MINUTES', `One entry is at most ${MAX_MINUTES_PER_ENTRY} minutes (24 hours)`, field));
  return valid(minutes);
}

/** Board column names: trimmed, non-empty, unique case-insensitively, at least one. */
export function checkColumns(values: readonly string[] | null | undefined, field: string[]): Checked<string[]> {
  if (values === null || values === undefined) return valid([...DEFAULT_COLUMNS]);
  if (values.length === 0) return invalid(refuse('INVALID', 'A board needs at least one column', field));
  if (values.length > 50) return invalid(refuse('INVALID', 'A board has at most 50 columns', field));
  const names: string[] = [];
  const errors: UserError[] = [];
  values.forEach((value, index) => {
    const name = checkName(value, [...field, String(index)], 'Column name');
    if (!name.ok) errors.push(...name.errors);
    else if (names.some((other) => other.toLowerCase() === name.value.toLowerCase()))
      errors.push(duplicateColumn(`Column "${name.value}" appears twice`, [...field, String(index)]));
    else names.push(name.value);
  });
  return errors.length > 0 ? invalid(...errors) : valid(names);
}

/** start <= due when both are set. */
export function checkDates(start: Date | null, due: Date | null, field: string[]): Checked<null> {
  if (start && due && start.getTime() > due.getTime())
    return invalid(refuse('INVALID_DATES', 'The due date must not be before the start date', field));
  return valid(null);
}

/**
 * The new order of a board after moving `taskId` to `position` of `toColumn`: each affected
 * column's task ids, densely positioned from 0. `position` beyond the end means the bottom.
 */
export function reorder(
  columns: ReadonlyMap<string, readonly string[]>,
  taskId: string,
  toColumn: string,
  position: number,
): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const [columnId, ids] of columns) {
    if (ids.includes(taskId))
      result.set(
        columnId,
        ids.filter((id) => id !== taskId),
      );
  }
  const target = result.get(toColumn) ?? [...(columns.get(toColumn) ?? [])].filter((id) => id !== taskId);
  const at = Math.max(0, Math.min(position, target.length));
  target.splice(at, 0, taskId);
  result.set(toColumn, target);
  return result;
}
