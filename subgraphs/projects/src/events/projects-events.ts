import type { Outbox, SqlExecutor } from '@tessera/events';
import { isoDay } from '@tessera/service-kit';
import type { Project, ProjectStatus, Task, TimeEntry } from '../generated/prisma/client.js';

const dayOrNull = (date: Date | null) => (date === null ? null : isoDay(date));

/** The payload of `projects.project.created` for a new project. */
export const projectCreatedData = (project: Project) => ({
  name: project.name,
  status: project.status,
  contactId: project.contactId,
  dealId: project.dealId,
  startDate: dayOrNull(project.startDate),
  dueDate: dayOrNull(project.dueDate),
});

/** The payload of `projects.project.status_changed` for a project that moved from `from`. */
export const projectStatusChangedData = (project: Project, from: ProjectStatus) => ({
  name: project.name,
  contactId: project.contactId,
  from,
  to: project.status,
});

/** The payload of `projects.task.completed` for a task done and its assignees' employee ids. */
export const taskCompletedData = (task: Task, assignees: string[]) => ({
  projectId: task.projectId,
  title: task.title,
  assignees,
  completedAt: (task.completedAt ?? new Date()).toISOString(),
});

/** The payload of `projects.time.logged` for a time entry. */
export const timeLoggedData = (entry: TimeEntry) => ({
  projectId: entry.projectId,
  taskId: entry.taskId,
  employeeId: entry.employeeId,
  date: isoDay(entry.date),
  minutes: entry.minutes,
  billable: entry.billable,
  note: entry.note,
});

/** Records the projects module's events, in the transaction of the change they describe. */
export class ProjectsEvents {
  constructor(
    private readonly outbox: Outbox,
    private readonly tenantId: string,
  ) {}

  async projectCreated(tx: SqlExecutor, project: Project): Promise<void> {
    await this.outbox.record(tx, {
      type: 'projects.project.created',
      tenantId: this.tenantId,
      subjectId: project.id,
      data: projectCreatedData(project),
    });
  }

  async projectStatusChanged(tx: SqlExecutor, project: Project, from: ProjectStatus): Promise<void> {
    await this.outbox.record(tx, {
      type: 'projects.project.status_changed',
      tenantId: this.tenantId,
      subjectId: project.id,
      data: projectStatusChangedData(project, from),
    });
  }

  async taskCompleted(tx: SqlExecutor, task: Task, assignees: string[]): Promise<void> {
    await this.outbox.record(tx, {
      type: 'projects.task.completed',
      tenantId: this.tenantId,
      subjectId: task.id,
      data: taskCompletedData(task, assignees),
    });
  }

  async timeLogged(tx: SqlExecutor, entry: TimeEntry): Promise<void> {
    await this.outbox.record(tx, {
      type: 'projects.time.logged',
      tenantId: this.tenantId,
      subjectId: entry.id,
      data: timeLoggedData(entry),
    });
  }
}
