import { Outbox } from '@tessera/events';
import {
  asTenant,
  mutate,
  startTestModule,
  USER_ERRORS,
  type TestModule,
  type TestModuleOptions,
  type UserErrorShape,
} from '../../../packages/testkit/src/index.js';
import hr, { type HrDb } from '../src/index.js';

export type Caller = Parameters<typeof mutate>[1] & { tenantId: string };

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
/**
 * The shapes tests read back (the fields their selections ask for; what a selection leaves out is
 * simply absent). References a test checks to be null are typed as present, as its assertions say.
 */
export interface EmployeeShape {
  id: string;
  name: string;
  email: string;
  jobTitle: string | null;
  status: string;
  hiredAt: string;
  terminatedAt: string | null;
  terminationReason: string | null;
  department: DepartmentShape;
  manager: EmployeeShape;
  reports: EmployeeShape[];
  compensation: { amount: string; currency: string };
  leaveRequests: LeaveShape[];
  createdAt: string;
  updatedAt: string;
}
export interface DepartmentShape {
  id: string;
  name: string;
  head: EmployeeShape;
  members: EmployeeShape[];
}
export interface LeaveShape {
  id: string;
  type: string;
  status: string;
  startDate: string;
  endDate: string;
  days: number;
  reason: string | null;
  decisionNote: string | null;
  decidedAt: string | null;
  employee: EmployeeShape;
}
export interface ConnectionShape<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: T }[];
}
/** The root fields of HR's queries, as tests read them. */
export interface HrData {
  employee: EmployeeShape;
  employees: ConnectionShape<EmployeeShape>;
  department: DepartmentShape;
  departments: ConnectionShape<DepartmentShape>;
  leaveRequest: LeaveShape;
  leaveRequests: ConnectionShape<LeaveShape>;
}
export type EmployeePayload = { employee: EmployeeShape; userErrors: UserErrorShape[] };
export type DepartmentPayload = { department: DepartmentShape; userErrors: UserErrorShape[] };
export type LeavePayload = { leaveRequest: LeaveShape; userErrors: UserErrorShape[] };

let sequence = 0;
/** A unique email for a test employee. */
export const uniqueEmail = (who = 'person') => `${who}.${Date.now().toString(36)}.${(sequence += 1)}@example.com`;

export async function hire(url: string, caller: Caller, input: Record<string, unknown> = {}): Promise<EmployeeShape> {
  const payload = await mutate<EmployeePayload>(url, caller, 'hireEmployee', `employee { ${EMPLOYEE_FIELDS} } ${USER_ERRORS}`, {
    name: 'Test Person',
    email: uniqueEmail(),
    ...input,
  });
  if (payload.userErrors.length > 0) throw new Error(`hireEmployee refused: ${JSON.stringify(payload.userErrors)}`);
  return payload.employee as EmployeeShape;
}

export async function createDepartment(url: string, caller: Caller, input: Record<string, unknown>) {
  const payload = await mutate<DepartmentPayload>(
    url,
    caller,
    'createDepartment',
    `department { ${DEPARTMENT_FIELDS} } ${USER_ERRORS}`,
    input,
  );
  if (payload.userErrors.length > 0) throw new Error(`createDepartment refused: ${JSON.stringify(payload.userErrors)}`);
  return payload.department as { id: string; name: string; head: { id: string } | null };
}

export async function requestLeave(url: string, caller: Caller, input: Record<string, unknown>) {
  const payload = await mutate<LeavePayload>(url, caller, 'requestLeave', `leaveRequest { ${LEAVE_FIELDS} } ${USER_ERRORS}`, {
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
  return mutate<LeavePayload>(url, caller, mutation, `leaveRequest { ${LEAVE_FIELDS} } ${USER_ERRORS}`, input, 'DecideLeaveInput');
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
