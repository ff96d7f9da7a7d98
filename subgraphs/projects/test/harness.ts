import { randomUUID } from 'node:crypto';
import { createEnvelope, type EventEnvelope } from '@tessera/events';
import {
  announceReferences,
  mutate,
  query,
  startTestModule,
  USER_ERRORS,
  type TestModule,
  type TestModuleOptions,
  type UserErrorShape,
} from '../../../packages/testkit/src/index.js';
import projects, { type ProjectsDb } from '../src/index.js';

export type Caller = Parameters<typeof query>[1];

export type RunningProjects = TestModule<ProjectsDb>;

/** Starts the projects subgraph in-process on a free port, on the test database (DATABASE_PREFIX=tessera_test). */
export function startProjects(options: TestModuleOptions = {}): Promise<RunningProjects> {
  return startTestModule<ProjectsDb>(projects, options);
}

export const PROJECT_FIELDS = 'id name description status contact { id } deal { id } startDate dueDate openTaskCount loggedMinutes';
export const TASK_FIELDS =
  'id title description state position column { id name } assignees { id } dueDate milestone { id } loggedMinutes completedAt project { id }';

/** A mutation's payload: the object under `key` (null when refused) and the user errors. */
export type Payload<K extends string, T> = { [P in K]: T | null } & { userErrors: UserErrorShape[] };

/** A project as PROJECT_FIELDS (and `columns`) select it; tests select subsets. */
export interface ProjectView {
  id: string;
  name: string;
  description: string | null;
  status: string;
  contact: { id: string } | null;
  deal: { id: string } | null;
  startDate: string | null;
  dueDate: string | null;
  openTaskCount: number;
  loggedMinutes: number;
  columns: { id: string; name: string; position: number }[];
}

/** A task as TASK_FIELDS select it; tests select subsets. */
export interface TaskView {
  id: string;
  title: string;
  description: string | null;
  state: string;
  position: number;
  column: { id: string; name: string };
  assignees: { id: string }[];
  dueDate: string | null;
  milestone: { id: string } | null;
  loggedMinutes: number;
  completedAt: string | null;
  project: { id: string };
}

/** Creates a project (default columns unless given) and returns it with its columns; fails the test on user errors. */
export async function createProject(url: string, caller: Caller, input: Record<string, unknown> = {}) {
  await announceReferences(url, caller.tenantId!, { contact: [input.contactId as string | undefined] });
  const payload = await mutate<Payload<'project', ProjectView>>(
    url,
    caller,
    'createProject',
    `project { ${PROJECT_FIELDS} columns { id name position } } ${USER_ERRORS}`,
    {
      name: 'Website relaunch',
      ...input,
    },
  );
  if (payload.userErrors.length > 0 || !payload.project) throw new Error(JSON.stringify(payload.userErrors));
  return payload.project;
}

/** Creates a task and returns it; fails the test on user errors. */
export async function createTask(url: string, caller: Caller, projectId: string, input: Record<string, unknown> = {}) {
  await announceReferences(url, caller.tenantId!, { employee: (input.assigneeIds as string[] | undefined) ?? [] });
  const payload = await mutate<Payload<'task', TaskView>>(url, caller, 'createTask', `task { ${TASK_FIELDS} } ${USER_ERRORS}`, {
    projectId,
    title: 'Draft',
    ...input,
  });
  if (payload.userErrors.length > 0 || !payload.task) throw new Error(JSON.stringify(payload.userErrors));
  return payload.task;
}

/** Every task of a project, by column then position: [columnName, position, title, state]. */
export async function board(url: string, caller: Caller, projectId: string) {
  type Board = { name: string; tasks: { id: string; title: string; state: string; position: number }[] }[];
  const data = await query<{ project: { columns: Board } | null }>(
    url,
    caller,
    `query($id: ID!) { project(id: $id) { columns { name tasks { id title state position } } } }`,
    { id: projectId },
  );
  if (!data.project) throw new Error(`project ${projectId} not found`);
  return data.project.columns;
}

/** crm.deal.won as CRM records it (subjectId: the deal id). */
export function dealWon(
  tenantId: string,
  fields: { dealId?: string; title?: string; contactId?: string } = {},
): EventEnvelope<'crm.deal.won'> {
  return createEnvelope('crm', {
    type: 'crm.deal.won',
    tenantId,
    subjectId: fields.dealId ?? randomUUID(),
    data: {
      title: fields.title ?? 'Acme website',
      contactId: fields.contactId ?? randomUUID(),
      ownerId: randomUUID(),
      amount: { amount: '5000.00', currency: 'EUR' },
      closedAt: new Date().toISOString(),
    },
  });
}
