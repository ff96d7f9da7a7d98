import { randomUUID } from 'node:crypto';
import { createEnvelope, type EventEnvelope, type EventType } from '@tessera/events';
import { inTenantTransaction } from '@tessera/prisma';
import { callSubgraph, expectData, startTestModule, type TestModule, type TestModuleOptions } from '../../../packages/testkit/src/index.js';
import projects, { type ProjectsDb, type ProjectsTx } from '../src/index.js';

export type Caller = Parameters<typeof callSubgraph>[1];

export type RunningProjects = TestModule<ProjectsDb>;

/** Starts the projects subgraph in-process on a free port, on the test database (DATABASE_PREFIX=tessera_test). */
export function startProjects(options: TestModuleOptions = {}): Promise<RunningProjects> {
  return startTestModule<ProjectsDb>(projects, options);
}

export const ERRORS = 'userErrors { field message code }';
export const PROJECT_FIELDS = 'id name description status contact { id } deal { id } startDate dueDate openTaskCount loggedMinutes';
export const TASK_FIELDS =
  'id title description state position column { id name } assignees { id } dueDate milestone { id } loggedMinutes completedAt project { id }';

/** Runs a mutation `name(input: $input)` and returns its payload (GraphQL errors fail the test). */
export async function mutate<T = any>(url: string, caller: Caller, name: string, selection: string, input: unknown): Promise<T> {
  const inputType = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
  const data = expectData(
    await callSubgraph<Record<string, T>>(url, caller, `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} } }`, {
      input,
    }),
  );
  return data[name] as T;
}

/** Runs a query and returns its data (GraphQL errors fail the test). */
export async function query<T = any>(url: string, caller: Caller, document: string, variables: Record<string, unknown> = {}): Promise<T> {
  return expectData(await callSubgraph<T>(url, caller, document, variables));
}

/** Creates a project (default columns unless given) and returns it with its columns; fails the test on user errors. */
export async function createProject(url: string, caller: Caller, input: Record<string, unknown> = {}) {
  const payload = await mutate(url, caller, 'createProject', `project { ${PROJECT_FIELDS} columns { id name position } } ${ERRORS}`, {
    name: 'Website relaunch',
    ...input,
  });
  if (payload.userErrors.length > 0) throw new Error(JSON.stringify(payload.userErrors));
  return payload.project as { id: string; status: string; columns: { id: string; name: string; position: number }[] };
}

/** Creates a task and returns it; fails the test on user errors. */
export async function createTask(url: string, caller: Caller, projectId: string, input: Record<string, unknown> = {}) {
  const payload = await mutate(url, caller, 'createTask', `task { ${TASK_FIELDS} } ${ERRORS}`, { projectId, title: 'Draft', ...input });
  if (payload.userErrors.length > 0) throw new Error(JSON.stringify(payload.userErrors));
  return payload.task as { id: string; state: string; position: number; column: { id: string } };
}

/** Every task of a project, by column then position: [columnName, position, title, state]. */
export async function board(url: string, caller: Caller, projectId: string) {
  const data = await query(url, caller, `query($id: ID!) { project(id: $id) { columns { name tasks { id title state position } } } }`, {
    id: projectId,
  });
  return data.project.columns as { name: string; tasks: { id: string; title: string; state: string; position: number }[] }[];
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

/** The events projects recorded for a tenant, oldest first (read in a tenant transaction, as the app role). */
export async function recordedEvents(db: ProjectsDb, tenantId: string, type?: EventType) {
  const rows = await inTenantTransaction(db, tenantId, (tx: ProjectsTx) =>
    tx.outboxEvent.findMany({ where: { tenantId, ...(type ? { type } : {}) }, orderBy: { seq: 'asc' } }),
  );
  return rows.map((row) => {
    const envelope = row.envelope as unknown as EventEnvelope;
    return { type: row.type, subjectId: row.subjectId, subject: row.subject, data: envelope.data as Record<string, unknown> };
  });
}

/** Runs `work` in a transaction bound to a tenant, as the app role (row-level security applies). */
export function asTenant<T>(db: ProjectsDb, tenantId: string, work: (tx: ProjectsTx) => Promise<T>): Promise<T> {
  return inTenantTransaction(db, tenantId, work);
}
