import type { Outbox } from '@tessera/events';
import type { Project, ProjectStatus, Task, TimeEntry } from '../generated/prisma/client.js';
import type { ProjectsTx } from '../db.js';

/** The calendar day of a Date column ("2026-11-21"). */
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const dayOrNull = (date: Date | null) => (date === null ? null : isoDay(date));

/** Records the projects module's domain events in the transaction of the change they describe. */
export class ProjectsEvents {
  constructor(
    private readonly outbox: Outbox,
    private readonly tenantId: string,
    /** The trace of what caused the change (the consumed event's), if any. */
    private readonly traceparent: string | null = null,
  ) {}

  async projectCreated(tx: ProjectsTx, project: Project): Promise<void> {
    await this.outbox.record(tx, {
      type: 'projects.project.created',
      tenantId: this.tenantId,
      subjectId: project.id,
      traceparent: this.traceparent,
      data: {
        name: project.name,
        status: project.status,
        contactId: project.contactId,
        dealId: project.dealId,
        startDate: dayOrNull(project.startDate),
        dueDate: dayOrNull(project.dueDate),
      },
    });
  }

  async projectStatusChanged(tx: ProjectsTx, project: Project, from: ProjectStatus): Promise<void> {
    await this.outbox.record(tx, {
      type: 'projects.project.status_changed',
      tenantId: this.tenantId,
      subjectId: project.id,
      traceparent: this.traceparent,
      data: { name: project.name, contactId: project.contactId, from, to: project.status },
    });
  }

  async taskCompleted(tx: ProjectsTx, task: Task, assignees: string[]): Promise<void> {
    await this.outbox.record(tx, {
      type: 'projects.task.completed',
      tenantId: this.tenantId,
      subjectId: task.id,
      traceparent: this.traceparent,
      data: { projectId: task.projectId, title: task.title, assignees, completedAt: (task.completedAt ?? new Date()).toISOString() },
    });
  }

  async timeLogged(tx: ProjectsTx, entry: TimeEntry): Promise<void> {
    await this.outbox.record(tx, {
      type: 'projects.time.logged',
      tenantId: this.tenantId,
      subjectId: entry.id,
      traceparent: this.traceparent,
      data: {
        projectId: entry.projectId,
        taskId: entry.taskId,
        employeeId: entry.employeeId,
        date: isoDay(entry.date),
        minutes: entry.minutes,
        billable: entry.billable,
        note: entry.note,
      },
    });
  }
}
