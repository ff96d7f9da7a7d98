import { Prisma, type Task, type TaskAssignee, type TaskState } from '../generated/prisma/client.js';
import type { ProjectsTx } from '../db.js';

export interface NewTask {
  projectId: string;
  columnId: string;
  title: string;
  description: string | null;
  dueDate: Date | null;
  milestoneId: string | null;
}

export type TaskChange = Partial<Pick<Task, 'title' | 'description' | 'dueDate' | 'milestoneId'>>;

/** Tasks ordered as on the board: by column, then position. */
const BOARD_ORDER: Prisma.TaskOrderByWithRelationInput[] = [{ column: { position: 'asc' } }, { position: 'asc' }];

/** SQL access to tasks and their assignees, always filtered by the tenant. */
export class TaskRepository {
  constructor(private readonly tenantId: string) {}

  findByIds(tx: ProjectsTx, ids: readonly string[]): Promise<Task[]> {
    return tx.task.findMany({ where: { tenantId: this.tenantId, id: { in: [...ids] } } });
  }

  findById(tx: ProjectsTx, id: string): Promise<Task | null> {
    return tx.task.findFirst({ where: { tenantId: this.tenantId, id } });
  }

  listByProjectIds(tx: ProjectsTx, projectIds: readonly string[], states: readonly TaskState[] | null): Promise<Task[]> {
    return tx.task.findMany({
      where: { tenantId: this.tenantId, projectId: { in: [...projectIds] }, ...(states ? { state: { in: [...states] } } : {}) },
      orderBy: BOARD_ORDER,
    });
  }

  listByColumnIds(tx: ProjectsTx, columnIds: readonly string[]): Promise<Task[]> {
    return tx.task.findMany({ where: { tenantId: this.tenantId, columnId: { in: [...columnIds] } }, orderBy: { position: 'asc' } });
  }

  /**
   * The tasks assigned to each employee, oldest first, optionally only in some states: ONE statement
   * (a join; Prisma's `include` would add a second one).
   */
  async listByAssignees(
    tx: ProjectsTx,
    employeeIds: readonly string[],
    states: readonly TaskState[] | null,
  ): Promise<{ employeeId: string; task: Task }[]> {
    const stateFilter = states ? Prisma.sql`AND t.state::text = ANY(${[...states]}::text[])` : Prisma.empty;
    const rows = await tx.$queryRaw<(Task & { employeeId: string })[]>`
      SELECT a.employee_id AS "employeeId", t.id, t.tenant_id AS "tenantId", t.project_id AS "projectId", t.column_id AS "columnId",
             t.milestone_id AS "milestoneId", t.title, t.description, t.state::text AS state, t.position, t.due_date AS "dueDate",
             t.completed_at AS "completedAt", t.created_at AS "createdAt", t.updated_at AS "updatedAt"
      FROM task_assignees a JOIN tasks t ON t.tenant_id = a.tenant_id AND t.id = a.task_id
      WHERE a.tenant_id = ${this.tenantId}::uuid AND a.employee_id = ANY(${[...employeeIds]}::uuid[]) ${stateFilter}
      ORDER BY t.id`;
    return rows.map(({ employeeId, ...task }) => ({ employeeId, task }));
  }

  /** How many tasks of each project are in one of `states`. */
  async countByProject(tx: ProjectsTx, projectIds: readonly string[], states: readonly TaskState[]): Promise<Map<string, number>> {
    const groups = await tx.task.groupBy({
      by: ['projectId'],
      where: { tenantId: this.tenantId, projectId: { in: [...projectIds] }, state: { in: [...states] } },
      _count: { _all: true },
    });
    return new Map(groups.map((group) => [group.projectId, group._count._all]));
  }

  /** The ids of the tasks in the project's columns, each column by position. */
  async boardOf(tx: ProjectsTx, projectId: string): Promise<Map<string, string[]>> {
    const rows = await tx.task.findMany({
      where: { tenantId: this.tenantId, projectId },
      select: { id: true, columnId: true },
      orderBy: { position: 'asc' },
    });
    const board = new Map<string, string[]>();
    for (const row of rows) board.set(row.columnId, [...(board.get(row.columnId) ?? []), row.id]);
    return board;
  }

  countInColumn(tx: ProjectsTx, columnId: string): Promise<number> {
    return tx.task.count({ where: { tenantId: this.tenantId, columnId } });
  }

  create(tx: ProjectsTx, data: NewTask & { position: number }): Promise<Task> {
    return tx.task.create({ data: { ...data, tenantId: this.tenantId } });
  }

  createMany(tx: ProjectsTx, rows: (NewTask & { position: number })[]): Promise<Task[]> {
    return tx.task.createManyAndReturn({ data: rows.map((row) => ({ ...row, tenantId: this.tenantId })) });
  }

  update(tx: ProjectsTx, id: string, change: TaskChange): Promise<Task> {
    return tx.task.update({ where: { tenantId_id: { tenantId: this.tenantId, id } }, data: change });
  }

  /** Sets the column and position of each listed task (the caller holds the project's lock). */
  async place(tx: ProjectsTx, columnId: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    // One statement per column: positions from the array's order (0-based).
    await tx.$executeRaw`
      UPDATE tasks AS t SET column_id = ${columnId}::uuid, position = o.ord - 1, updated_at = now()
      FROM unnest(${[...ids]}::uuid[]) WITH ORDINALITY AS o(id, ord)
      WHERE t.tenant_id = ${this.tenantId}::uuid AND t.id = o.id AND (t.column_id <> ${columnId}::uuid OR t.position <> o.ord - 1)`;
  }

  /** Applies the state only if the task is still in `from` (concurrent transitions cannot both win). */
  async transition(tx: ProjectsTx, id: string, from: TaskState, to: TaskState, completedAt: Date | null): Promise<Task | null> {
    const [updated] = await tx.task.updateManyAndReturn({
      where: { tenantId: this.tenantId, id, state: from },
      data: { state: to, completedAt },
    });
    return updated ?? null;
  }

  assigneesOf(tx: ProjectsTx, taskIds: readonly string[]): Promise<TaskAssignee[]> {
    return tx.taskAssignee.findMany({ where: { tenantId: this.tenantId, taskId: { in: [...taskIds] } }, orderBy: { assignedAt: 'asc' } });
  }

  /** Adds assignees; ones already assigned are left as they are. */
  async assign(tx: ProjectsTx, taskId: string, employeeIds: readonly string[]): Promise<void> {
    if (employeeIds.length === 0) return;
    await tx.taskAssignee.createMany({
      data: employeeIds.map((employeeId) => ({ tenantId: this.tenantId, taskId, employeeId })),
      skipDuplicates: true,
    });
  }

  /** Removes an assignee; false if it was not assigned. */
  async unassign(tx: ProjectsTx, taskId: string, employeeId: string): Promise<boolean> {
    const { count } = await tx.taskAssignee.deleteMany({ where: { tenantId: this.tenantId, taskId, employeeId } });
    return count > 0;
  }
}
