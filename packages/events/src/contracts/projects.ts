/** The projects module's event contracts (subjectId: the entity the event is about). */
import { z } from 'zod';
import { day, instant, uuid } from './shared.js';

const projectStatus = z.enum(['PLANNED', 'ACTIVE', 'ON_HOLD', 'COMPLETED', 'CANCELLED']);

export const projectsEvents = {
  // subjectId: the project id.
  'projects.project.created': {
    version: 1,
    data: z.object({
      name: z.string(),
      status: projectStatus,
      contactId: uuid.nullable(),
      /** The CRM deal the project was created for (deal won + the tenant's template), if any. */
      dealId: uuid.nullable(),
      startDate: day.nullable(),
      dueDate: day.nullable(),
    }),
  },
  // subjectId: the project id.
  'projects.project.status_changed': {
    version: 1,
    data: z.object({ name: z.string(), contactId: uuid.nullable(), from: projectStatus, to: projectStatus }),
  },
  // subjectId: the task id.
  'projects.task.completed': {
    version: 1,
    data: z.object({ projectId: uuid, title: z.string(), assignees: z.array(uuid), completedAt: instant }),
  },
  // subjectId: the time entry id.
  'projects.time.logged': {
    version: 1,
    data: z.object({
      projectId: uuid,
      taskId: uuid,
      employeeId: uuid,
      date: day,
      minutes: z.number().int().positive().max(1440),
      billable: z.boolean(),
      note: z.string().nullable(),
    }),
  },
} as const;
