import type { TimeEntry } from '../generated/prisma/client.js';
import type { ProjectsTx } from '../db.js';

export interface NewTimeEntry {
  projectId: string;
  taskId: string;
  employeeId: string;
  date: Date;
  minutes: number;
  note: string | null;
  billable: boolean;
}

/** SQL access to time entries, always filtered by the tenant. */
export class TimeEntryRepository {
  constructor(private readonly tenantId: string) {}

  create(tx: ProjectsTx, data: NewTimeEntry): Promise<TimeEntry> {
    return tx.timeEntry.create({ data: { ...data, tenantId: this.tenantId } });
  }

  listByTaskIds(tx: ProjectsTx, taskIds: readonly string[]): Promise<TimeEntry[]> {
    return tx.timeEntry.findMany({ where: { tenantId: this.tenantId, taskId: { in: [...taskIds] } }, orderBy: { id: 'asc' } });
  }

  /** The minutes logged per task (tasks without entries are absent). */
  async minutesByTask(tx: ProjectsTx, taskIds: readonly string[]): Promise<Map<string, number>> {
    const groups = await tx.timeEntry.groupBy({
      by: ['taskId'],
      where: { tenantId: this.tenantId, taskId: { in: [...taskIds] } },
      _sum: { minutes: true },
    });
    return new Map(groups.map((group) => [group.taskId, group._sum.minutes ?? 0]));
  }

  /** The minutes logged per project (projects without entries are absent). */
  async minutesByProject(tx: ProjectsTx, projectIds: readonly string[]): Promise<Map<string, number>> {
    const groups = await tx.timeEntry.groupBy({
      by: ['projectId'],
      where: { tenantId: this.tenantId, projectId: { in: [...projectIds] } },
      _sum: { minutes: true },
    });
    return new Map(groups.map((group) => [group.projectId, group._sum.minutes ?? 0]));
  }
}
