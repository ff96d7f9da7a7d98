import { randomUUID } from 'node:crypto';
import { createEnvelope, type EventEnvelope, type EventType } from '@tessera/events';
import { inTenantTransaction } from '@tessera/prisma';
import { callSubgraph, expectData, startTestModule, type TestModule, type TestModuleOptions } from '../../../packages/testkit/src/index.js';
import payroll, { type PayrollDb, type PayrollTx } from '../src/index.js';

type Caller = Parameters<typeof callSubgraph>[1];

export type RunningPayroll = TestModule<PayrollDb>;

/** Starts the payroll subgraph in-process on a free port, on the test database (DATABASE_PREFIX=tessera_test). */
export function startPayroll(options: TestModuleOptions = {}): Promise<RunningPayroll> {
  return startTestModule<PayrollDb>(payroll, options);
}

export const ERRORS = 'userErrors { field message code }';
export const COMMISSION_FIELDS =
  'id status amount { amount currency } rate dealAmount { amount currency } deal { id } employee { id } accruedAt payableAt paidAt';
export const PAY_RUN_FIELDS = `id status periodStart periodEnd currency base { amount currency } commissions { amount currency } gross { amount currency }
  approvedAt paidAt cancelledAt
  payslips { id employee { id } employeeName periodStart periodEnd base { amount } commissions { amount } gross { amount } commissionLines { id status } }`;

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

/** An employee's commissions and pay profile through `_entities`, as the router asks for them. */
export async function employeeView(url: string, caller: Caller, employeeId: string, selection = `commissions { ${COMMISSION_FIELDS} }`) {
  const data = await query(url, caller, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Employee { ${selection} } } }`, {
    r: [{ __typename: 'Employee', id: employeeId }],
  });
  return data._entities[0];
}

export async function createPayRun(url: string, caller: Caller, input: Record<string, unknown>) {
  return mutate(url, caller, 'createPayRun', 'CreatePayRunInput', `payRun { ${PAY_RUN_FIELDS} } ${ERRORS}`, input);
}

export async function movePayRun(url: string, caller: Caller, name: 'approvePayRun' | 'markPayRunPaid' | 'cancelPayRun', payRunId: string) {
  const type = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
  return mutate(url, caller, name, type, `payRun { ${PAY_RUN_FIELDS} } ${ERRORS}`, { payRunId });
}

// Envelopes of the events payroll consumes, built and validated by the events package.

const iso = (date: Date) => date.toISOString();
const isoDay = (date: string | Date) => (typeof date === 'string' ? date : date.toISOString().slice(0, 10));

/**
 * What an HR event says of the employee; every hr.employee.* event carries all of it. Defaults: Ada
 * Lovelace, hired 2020-01-01 on 60000 EUR a year. `occurredAt` is the envelope's (the recording
 * host's clock), which payroll must not order by.
 */
export interface EmployeeFacts {
  name?: string;
  email?: string;
  salary?: { amount: string; currency: string } | null;
  hiredAt?: string;
  occurredAt?: Date;
}

function employeeData(fields: EmployeeFacts, revision: number) {
  return {
    name: fields.name ?? 'Ada Lovelace',
    email: fields.email ?? 'ada@example.com',
    jobTitle: 'Engineer',
    departmentId: null,
    managerId: null,
    hiredAt: fields.hiredAt ?? '2020-01-01',
    salary: fields.salary === undefined ? { amount: '60000', currency: 'EUR' } : fields.salary,
    revision,
  };
}

/** hr.employee.hired: HR records it at revision 1 (the default). */
export function employeeHired(tenantId: string, employeeId: string, fields: EmployeeFacts & { revision?: number } = {}) {
  return createEnvelope('hr', {
    type: 'hr.employee.hired',
    tenantId,
    subjectId: employeeId,
    ...(fields.occurredAt ? { occurredAt: fields.occurredAt } : {}),
    data: employeeData(fields, fields.revision ?? 1),
  });
}

/** hr.employee.updated at the given revision (ACTIVE unless told; TERMINATED needs terminatedAt). */
export function employeeUpdated(
  tenantId: string,
  employeeId: string,
  fields: EmployeeFacts & { revision: number; status?: 'ACTIVE' | 'ON_LEAVE' | 'TERMINATED'; terminatedAt?: string },
) {
  return createEnvelope('hr', {
    type: 'hr.employee.updated',
    tenantId,
    subjectId: employeeId,
    ...(fields.occurredAt ? { occurredAt: fields.occurredAt } : {}),
    data: { ...employeeData(fields, fields.revision), status: fields.status ?? 'ACTIVE', terminatedAt: fields.terminatedAt ?? null },
  });
}

/** hr.employee.terminated at the given revision, with the employee's last day. */
export function employeeTerminated(
  tenantId: string,
  employeeId: string,
  terminatedAt: string,
  fields: EmployeeFacts & { revision: number },
) {
  return createEnvelope('hr', {
    type: 'hr.employee.terminated',
    tenantId,
    subjectId: employeeId,
    ...(fields.occurredAt ? { occurredAt: fields.occurredAt } : {}),
    data: { ...employeeData(fields, fields.revision), terminatedAt, reason: null },
  });
}

export function dealWon(
  tenantId: string,
  fields: { dealId?: string; ownerId: string | null; amount?: string; currency?: string; closedAt?: Date },
): EventEnvelope<'crm.deal.won'> {
  return createEnvelope('crm', {
    type: 'crm.deal.won',
    tenantId,
    subjectId: fields.dealId ?? randomUUID(),
    data: {
      title: 'Website redesign',
      contactId: randomUUID(),
      ownerId: fields.ownerId,
      amount: { amount: fields.amount ?? '1000.00', currency: fields.currency ?? 'EUR' },
      closedAt: iso(fields.closedAt ?? new Date()),
    },
  });
}

export function invoicePaid(
  tenantId: string,
  fields: { dealId: string | null; invoiceId?: string; total?: string; currency?: string; paidAt?: Date },
): EventEnvelope<'invoicing.invoice.paid'> {
  const total = { amount: fields.total ?? '1000.00', currency: fields.currency ?? 'EUR' };
  return createEnvelope('invoicing', {
    type: 'invoicing.invoice.paid',
    tenantId,
    subjectId: fields.invoiceId ?? randomUUID(),
    data: {
      contactId: randomUUID(),
      dealId: fields.dealId,
      number: 'INV-2026-0001',
      status: 'PAID',
      total,
      amountPaid: total,
      amountDue: { amount: '0.00', currency: total.currency },
      issuedAt: iso(new Date()),
      dueDate: isoDay(new Date()),
      paidAt: iso(fields.paidAt ?? new Date()),
    },
  });
}

/** The events payroll recorded for a tenant, oldest first (read in a tenant transaction, as the app role). */
export async function recordedEvents(db: PayrollDb, tenantId: string, type?: EventType) {
  const rows = await inTenantTransaction(db, tenantId, (tx: PayrollTx) =>
    tx.outboxEvent.findMany({ where: { tenantId, ...(type ? { type } : {}) }, orderBy: { seq: 'asc' } }),
  );
  return rows.map((row) => {
    const envelope = row.envelope as unknown as EventEnvelope;
    return { type: row.type, subjectId: row.subjectId, subject: row.subject, data: envelope.data as Record<string, unknown> };
  });
}

/** Runs `work` in a transaction bound to a tenant, as the app role (row-level security applies). */
export function asTenant<T>(db: PayrollDb, tenantId: string, work: (tx: PayrollTx) => Promise<T>): Promise<T> {
  return inTenantTransaction(db, tenantId, work);
}
