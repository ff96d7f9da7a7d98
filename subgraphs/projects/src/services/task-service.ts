import { isUuid, type References, type UserError } from '@tessera/service-kit';
import type { TenantScope } from '@tessera/prisma';
import type { Project, Task, TaskState, TimeEntry } from '../generated/prisma/client.js';
import type {
  ChangeTaskStateInput,
  CreateTaskInput,
  LogTimeInput,
  MoveTaskInput,
  AssignTaskInput,
  UnassignTaskInput,
  UpdateTaskInput,
} from '../generated/graphql.js';
import type { ProjectsTx } from '../db.js';
import { canMoveTask, checkMinutes, checkName, isProjectOpen, reorder } from '../domain/rules.js';
import type { ProjectsLoaders } from '../loaders.js';
import type { Repositories } from '../repositories/index.js';
import type { TaskChange } from '../repositories/task-repository.js';
import { conflict, invalidTransition, malformedId, notAssigned, notAUuid, notFound, projectClosed, refuse } from '../errors.js';
import type { ProjectsEvents } from '../events/projects-events.js';

export interface TaskPayload {
  task: Task | null;
  userErrors: UserError[];
}
export interface TimeEntryPayload {
  timeEntry: TimeEntry | null;
  task: Task | null;
  userErrors: UserError[];
}

const TASK_ID = ['input', 'taskId'];
const refused = (...userErrors: UserError[]): TaskPayload => ({ task: null, userErrors });
const noTask = () => refused(notFound('task', TASK_ID));
const closed = (project: Project, field: string[]) => projectClosed(project.status, field);
const MAX_NOTE_LENGTH = 2000;
const trimmedOrNull = (value: string | null | undefined) => (value?.trim() ? value.trim() : null);

/** Tasks of the caller's tenant: details, board moves, states, assignees and logged time. */
export class TaskService {
  constructor(
    private readonly scope: TenantScope<ProjectsTx>,
    private readonly repositories: Repositories,
    private readonly loaders: ProjectsLoaders,
    private readonly events: ProjectsEvents,
    private readonly now: () => Date,
    private readonly references: References,
  ) {}

  get(id: string): Promise<Task | null> {
    return this.loaders.taskById.load(id);
  }

  async ofEmployee(employeeId: string, states: readonly TaskState[] | null | undefined): Promise<Task[]> {
    return (await this.loaders.tasksByAssignee(states).load(employeeId)).map((assignment) => assignment.task);
  }

  /** Creates a TODO task at the bottom of its column (the leftmost unless given). */
  async create(input: CreateTaskInput): Promise<TaskPayload> {
    const errors: UserError[] = [];
    const title = checkName(input.title, ['input', 'title'], 'Title');
    if (!title.ok) errors.push(...title.errors);
    const assigneeIds = [...new Set(input.assigneeIds ?? [])];
    assigneeIds.forEach((id, index) => {
      if (!isUuid(id)) errors.push(notAUuid(['input', 'assigneeIds', String(index)]));
    });
    if (errors.length > 0 || !title.ok) return refused(...errors);
    const wanted = { column: input.columnId ?? null, milestone: input.milestoneId ?? null };
    if (!isUuid(input.projectId)) return refused(notFound('project', ['input', 'projectId']));
    if (wanted.column !== null && !isUuid(wanted.column)) return refused(notFound('column', ['input', 'columnId']));
    if (wanted.milestone !== null && !isUuid(wanted.milestone)) return refused(notFound('milestone', ['input', 'milestoneId']));
    const unknown = await this.references.check(
      assigneeIds.map((id, index) => ({ kind: 'employee' as const, id, field: ['input', 'assigneeIds', String(index)] })),
    );
    if (unknown.length > 0) return refused(...unknown);
    const { projects, boards, tasks } = this.repositories;
    return this.scope.run(async (tx): Promise<TaskPayload> => {
      const project = await projects.lock(tx, input.projectId);
      if (!project) return refused(notFound('project', ['input', 'projectId']));
      if (!isProjectOpen(project.status)) return refused(closed(project, ['input', 'projectId']));
      const columns = await boards.columnsOfProjects(tx, [project.id]);
      const column = wanted.column === null ? columns[0] : columns.find((c) => c.id === wanted.column);
      if (!column) return refused(notFound('column', ['input', 'columnId']));
      if (wanted.milestone !== null) {
        const milestone = await boards.findMilestone(tx, wanted.milestone);
        if (!milestone || milestone.projectId !== project.id) return refused(notFound('milestone', ['input', 'milestoneId']));
      }
      const task = await tasks.create(tx, {
        projectId: project.id,
        columnId: column.id,
        title: title.value,
        description: trimmedOrNull(input.description),
        dueDate: input.dueDate ?? null,
        milestoneId: wanted.milestone,
        position: await tasks.countInColumn(tx, column.id),
      });
      await tasks.assign(tx, task.id, assigneeIds);
      return { task, userErrors: [] };
    });
  }

  /** Changes details: fields left out stay, null clears optional ones (a null title is ignored). */
  async update(input: UpdateTaskInput): Promise<TaskPayload> {
    const change: TaskChange = {};
    if (input.title !== undefined && input.title !== null) {
      const title = checkName(input.title, ['input', 'title'], 'Title');
      if (!title.ok) return refused(...title.errors);
      change.title = title.value;
    }
    if (input.description !== undefined) change.description = trimmedOrNull(input.description);
    if (input.dueDate !== undefined) change.dueDate = input.dueDate;
    if (!isUuid(input.taskId)) return noTask();
    if (input.milestoneId !== undefined && input.milestoneId !== null && !isUuid(input.milestoneId))
      return refused(notFound('milestone', ['input', 'milestoneId']));
    return this.scope.run(async (tx): Promise<TaskPayload> => {
      const task = await this.repositories.tasks.findById(tx, input.taskId);
      if (!task) return noTask();
      if (input.milestoneId !== undefined) {
        if (input.milestoneId !== null) {
          const milestone = await this.repositories.boards.findMilestone(tx, input.milestoneId);
          if (!milestone || milestone.projectId !== task.projectId) return refused(notFound('milestone', ['input', 'milestoneId']));
        }
        change.milestoneId = input.milestoneId;
      }
      return { task: await this.repositories.tasks.update(tx, task.id, change), userErrors: [] };
    });
  }

  /**
   * Moves a task to a column (of its project) and position; the tasks of the columns it leaves and
   * enters close up and make room, so each column's positions stay 0..n-1. Its state does not
   * change. Moves on one project are serialised by the project's row lock.
   */
  async move(input: MoveTaskInput): Promise<TaskPayload> {
    if (!Number.isInteger(input.position) || input.position < 0)
      return refused(refuse('INVALID', 'Position must be 0 or more', ['input', 'position']));
    if (!isUuid(input.taskId)) return noTask();
    if (!isUuid(input.columnId)) return refused(notFound('column', ['input', 'columnId']));
    const { projects, boards, tasks } = this.repositories;
    return this.scope.run(async (tx): Promise<TaskPayload> => {
      const found = await tasks.findById(tx, input.taskId);
      if (!found) return noTask();
      await projects.lock(tx, found.projectId);
      const columns = await boards.columnsOfProjects(tx, [found.projectId]);
      if (!columns.some((column) => column.id === input.columnId)) return refused(notFound('column', ['input', 'columnId']));
      const board = await tasks.boardOf(tx, found.projectId);
      const order = reorder(board, found.id, input.columnId, input.position);
      for (const [columnId, ids] of order) await tasks.place(tx, columnId, ids);
      return { task: await tasks.findById(tx, found.id), userErrors: [] };
    });
  }

  /** Moves a task to another state if allowed; DONE records projects.task.completed with the assignees. */
  async changeState(input: ChangeTaskStateInput): Promise<TaskPayload> {
    if (!isUuid(input.taskId)) return noTask();
    const { tasks } = this.repositories;
    return this.scope.run(async (tx): Promise<TaskPayload> => {
      const current = await tasks.findById(tx, input.taskId);
      if (!current) return noTask();
      if (!canMoveTask(current.state, input.state))
        return refused(invalidTransition('task', current.state, input.state, ['input', 'state']));
      const moved = await tasks.transition(tx, current.id, current.state, input.state, input.state === 'DONE' ? this.now() : null);
      if (!moved) return refused(conflict('task', ['input', 'state']));
      if (moved.state === 'DONE') {
        const assignees = await tasks.assigneesOf(tx, [moved.id]);
        await this.events.taskCompleted(
          tx,
          moved,
          assignees.map((assignee) => assignee.employeeId),
        );
      }
      return { task: moved, userErrors: [] };
    });
  }

  /** Assigns an employee of the tenant (as HR's events told projects); assigning twice changes nothing. */
  async assign(input: AssignTaskInput): Promise<TaskPayload> {
    const malformed = malformedId(input.employeeId, ['input', 'employeeId'], isUuid);
    if (malformed) return refused(malformed);
    if (!isUuid(input.taskId)) return noTask();
    const unknown = await this.references.check([{ kind: 'employee', id: input.employeeId, field: ['input', 'employeeId'] }]);
    if (unknown.length > 0) return refused(...unknown);
    return this.scope.run(async (tx): Promise<TaskPayload> => {
      const task = await this.repositories.tasks.findById(tx, input.taskId);
      if (!task) return noTask();
      await this.repositories.tasks.assign(tx, task.id, [input.employeeId]);
      return { task, userErrors: [] };
    });
  }

  async unassign(input: UnassignTaskInput): Promise<TaskPayload> {
    if (!isUuid(input.taskId)) return noTask();
    if (!isUuid(input.employeeId)) return refused(notAssigned());
    return this.scope.run(async (tx): Promise<TaskPayload> => {
      const task = await this.repositories.tasks.findById(tx, input.taskId);
      if (!task) return noTask();
      if (!(await this.repositories.tasks.unassign(tx, task.id, input.employeeId))) return refused(notAssigned());
      return { task, userErrors: [] };
    });
  }

  /** Logs 1..1440 minutes of an employee on a task; records projects.time.logged. */
  async logTime(input: LogTimeInput): Promise<TimeEntryPayload> {
    const refusedEntry = (...userErrors: UserError[]): TimeEntryPayload => ({ timeEntry: null, task: null, userErrors });
    const errors: UserError[] = [];
    const minutes = checkMinutes(input.minutes, ['input', 'minutes']);
    if (!minutes.ok) errors.push(...minutes.errors);
    const malformed = malformedId(input.employeeId, ['input', 'employeeId'], isUuid);
    if (malformed) errors.push(malformed);
    const note = trimmedOrNull(input.note);
    if (note !== null && note.length > MAX_NOTE_LENGTH)
      errors.push(refuse('INVALID', `A note is at most ${MAX_NOTE_LENGTH} characters`, ['input', 'note']));
    if (errors.length > 0 || !minutes.ok) return refusedEntry(...errors);
    if (!isUuid(input.taskId)) return refusedEntry(notFound('task', TASK_ID));
    const unknown = await this.references.check([{ kind: 'employee', id: input.employeeId, field: ['input', 'employeeId'] }]);
    if (unknown.length > 0) return refusedEntry(...unknown);
    return this.scope.run(async (tx): Promise<TimeEntryPayload> => {
      const task = await this.repositories.tasks.findById(tx, input.taskId);
      if (!task) return refusedEntry(notFound('task', TASK_ID));
      const project = await this.repositories.projects.findById(tx, task.projectId);
      if (!project) return refusedEntry(notFound('task', TASK_ID));
      if (!isProjectOpen(project.status)) return refusedEntry(closed(project, TASK_ID));
      const entry = await this.repositories.timeEntries.create(tx, {
        projectId: task.projectId,
        taskId: task.id,
        employeeId: input.employeeId,
        date: input.date,
        minutes: minutes.value,
        note,
        billable: input.billable ?? true,
      });
      await this.events.timeLogged(tx, entry);
      return { timeEntry: entry, task, userErrors: [] };
    });
  }
}
