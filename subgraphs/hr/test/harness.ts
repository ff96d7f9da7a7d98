import { Outbox } from '@tessera/events';
import { callSubgraph, expectData, startTestModule, type TestModule, type TestModuleOptions } from '../../../packages/testkit/src/index.js';
import hr, { type HrDb, type HrTx } from '../src/index.js';

export type Caller = Parameters<typeof callSubgraph>[1] & { tenantId: string };

/**
 * The bus namespace of the outbox rows these tests write: no relay of another test run (which
 * publishes only its own namespace's rows from the shared test database) ever picks them up.
 */
export const TEST_NAMESPACE = 'hrtest';

export type RunningHr = TestModule<HrDb>;

export interface StartOptions extends TestModuleOptions {
  /** The clock of the subgraph (what "today" is); the system time when omitted. */
  now?: () => Date;
  /** The outbox the services record into (a failing one proves events share the change's transaction). */
  outbox?: Outbox;
}

/** Starts the HR subgraph in-process on a free port, on the test database (DATABASE_PREFIX=tessera_test). */
export function startHr(options: StartOptions = {}): Promise<RunningHr> {
  return startTestModule<HrDb>(hr, { namespace: TEST_NAMESPACE, ...options });
}

export const EMPLOYEE_FIELDS =
  'id name email jobTitle status hiredAt terminatedAt terminationReason department { id name } manager { id name } compensation { amount currency }';
export const LEAVE_FIELDS = 'id type status startDate endDate days reason decisionNote decidedAt employee { id }';
export const DEPARTMENT_FIELDS = 'id name head { id name }';
export const ERRORS = 'userErrors { field message code }';

export interface UserErrorShape {
  field: string[] | null;
  message: string;
  code: string;
}

/** Runs a mutation `name(input: $input)` and returns its payload (GraphQL errors fail the test). */
export async function mutate<T = any>(
  url: string,
  caller: Caller,
  name: string,
  inputType: string,
  selection: string,
  input: unknown,
): Promise<T> {
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

/** The codes of a payload's user errors. */
export const codesOf = (payload: { userErrors: UserErrorShape[] }) => payload.userErrors.map((e) => e.code);

export interface EmployeeShape {
  id: string;
  name: string;
  email: string;
  jobTitle: string | null;
  status: string;
  hiredAt: string;
  terminatedAt: string | null;
  department: { id: string; name: string } | null;
  manager: { id: string; name: string } | null;
  compensation: { amount: string; currency: string } | null;
}

let sequence = 0;
/** A unique email for a test employee. */
export const uniqueEmail = (who = 'person') => `${who}.${Date.now().toString(36)}.${(sequence += 1)}@example.com`;

export async function hire(url: string, caller: Caller, input: Record<string, unknown> = {}): Promise<EmployeeShape> {
  const payload = await mutate(url, caller, 'hireEmployee', 'HireEmployeeInput', `employee { ${EMPLOYEE_FIELDS} } ${ERRORS}`, {
    name: 'Test Person',
    email: uniqueEmail(),
    ...input,
  });
  if (payload.userErrors.length > 0) throw new Error(`hireEmployee refused: ${JSON.stringify(payload.userErrors)}`);
  return payload.employee as EmployeeShape;
}

export async function createDepartment(url: string, caller: Caller, input: Record<string, unknown>) {
  const payload = await mutate(
    url,
    caller,
    'createDepartment',
    'CreateDepartmentInput',
    `department { ${DEPARTMENT_FIELDS} } ${ERRORS}`,
    input,
  );
  if (payload.userErrors.length > 0) throw new Error(`createDepartment refused: ${JSON.stringify(payload.userErrors)}`);
  return payload.department as { id: string; name: string; head: { id: string } | null };
}

export async function requestLeave(url: string, caller: Caller, input: Record<string, unknown>) {
  const payload = await mutate(url, caller, 'requestLeave', 'RequestLeaveInput', `leaveRequest { ${LEAVE_FIELDS} } ${ERRORS}`, {
    type: 'VACATION',
    ...input,
  });
  if (payload.userErrors.length > 0) throw new Error(`requestLeave refused: ${JSON.stringify(payload.userErrors)}`);
  return payload.leaveRequest as { id: string; status: string; startDate: string; endDate: string };
}

/** Runs a leave decision (approveLeave, rejectLeave, cancelLeave) and returns its payload. */
export function decideLeave(
  url: string,
  caller: Caller,
  mutation: 'approveLeave' | 'rejectLeave' | 'cancelLeave',
  input: Record<string, unknown>,
) {
  return mutate(url, caller, mutation, 'DecideLeaveInput', `leaveRequest { ${LEAVE_FIELDS} } ${ERRORS}`, input);
}

/** Runs `work` as the app role in a transaction bound to `tenantId` (row-level security applies). */
export function asTenant<T>(db: HrDb, tenantId: string, work: (tx: HrTx) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('tessera.tenant_id', ${tenantId}, true)`;
    return work(tx);
  });
}

/** Counts a tenant's rows straight from the database. */
export function countRows(db: HrDb, tenantId: string) {
  return asTenant(db, tenantId, async (tx) => ({
    employees: await tx.employee.count(),
    departments: await tx.department.count(),
    leaveRequests: await tx.leaveRequest.count(),
    outbox: await tx.outboxEvent.count(),
  }));
}

/** The tenant's outbox rows, in recording order. */
export function outboxRows(db: HrDb, tenantId: string) {
  return asTenant(db, tenantId, (tx) => tx.outboxEvent.findMany({ orderBy: { seq: 'asc' } }));
}

/** A calendar date `offset` days from today (UTC) as "YYYY-MM-DD". */
export function dayFromToday(offset: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset)).toISOString().slice(0, 10);
}
