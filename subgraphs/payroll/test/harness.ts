import { randomUUID } from 'node:crypto';
import { createEnvelope, type EventEnvelope } from '@tessera/events';
import {
  mutate,
  query,
  startTestModule,
  USER_ERRORS,
  type TestModule,
  type TestModuleOptions,
  type UserErrorShape,
} from '../../../packages/testkit/src/index.js';
import payroll, { type PayrollDb } from '../src/index.js';

type Caller = Parameters<typeof query>[1];

export type RunningPayroll = TestModule<PayrollDb>;

/** Starts the payroll subgraph in-process on a free port, on the test database (DATABASE_PREFIX=tessera_test). */
export function startPayroll(options: TestModuleOptions = {}): Promise<RunningPayroll> {
  return startTestModule<PayrollDb>(payroll, options);
}

export const COMMISSION_FIELDS =
  'id status amount { amount currency } rate dealAmount { amount currency } deal { id } employee { id } accruedAt payableAt paidAt';
export const PAY_RUN_FIELDS = `id status periodStart periodEnd currency base { amount currency } commissions { amount currency } gross { amount currency }
  approvedAt paidAt cancelledAt
  payslips { id employee { id } employeeName periodStart periodEnd base { amount } commissions { amount } gross { amount } commissionLines { id status } }`;

export interface MoneyView {
  amount: string;
  currency: string;
}

/** A commission as COMMISSION_FIELDS selects it. */
export interface CommissionView {
  id: string;
  status: string;
  amount: MoneyView;
  rate: string;
  dealAmount: MoneyView;
  deal: { id: string };
  employee: { id: string };
  accruedAt: string;
  payableAt: string | null;
  paidAt: string | null;
}

/** A payslip as PAY_RUN_FIELDS selects it. */
export interface PayslipView {
  id: string;
  employee: { id: string };
  employeeName: string;
  periodStart: string;
  periodEnd: string;
  base: { amount: string };
  commissions: { amount: string };
  gross: { amount: string };
  commissionLines: { id: string; status: string }[];
}

/** A pay run as PAY_RUN_FIELDS selects it. */
export interface PayRunView {
  id: string;
  status: string;
  periodStart: string;
  periodEnd: string;
  currency: string;
  base: MoneyView;
  commissions: MoneyView;
  gross: MoneyView;
  approvedAt: string | null;
  paidAt: string | null;
  cancelledAt: string | null;
  payslips: PayslipView[];
}

export interface PayRunPayload {
  payRun: PayRunView | null;
  userErrors: UserErrorShape[];
}

/** A pay profile as tests select it (any subset of its fields). */
export interface PayProfileView {
  name: string;
  email: string;
  yearlySalary: MoneyView | null;
  commissionRate: string | null;
  effectiveCommissionRate: string;
  status: string;
  hiredOn: string | null;
  terminatedOn: string | null;
}

/** An employee through `_entities`, as the router asks for it, with the given selection (`T`: its shape). */
export async function employeeView<T>(url: string, caller: Caller, employeeId: string, selection: string): Promise<T> {
  const data = await query<{ _entities: T[] }>(
    url,
    caller,
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on Employee { ${selection} } } }`,
    { r: [{ __typename: 'Employee', id: employeeId }] },
  );
  return data._entities[0]!;
}

/** An employee's commissions (COMMISSION_FIELDS), newest first, through `_entities`. */
export async function employeeCommissions(url: string, caller: Caller, employeeId: string): Promise<CommissionView[]> {
  return (await employeeView<{ commissions: CommissionView[] }>(url, caller, employeeId, `commissions { ${COMMISSION_FIELDS} }`))
    .commissions;
}

export function createPayRun(url: string, caller: Caller, input: Record<string, unknown>): Promise<PayRunPayload> {
  return mutate<PayRunPayload>(url, caller, 'createPayRun', `payRun { ${PAY_RUN_FIELDS} } ${USER_ERRORS}`, input);
}

export function movePayRun(
  url: string,
  caller: Caller,
  name: 'approvePayRun' | 'markPayRunPaid' | 'cancelPayRun',
  payRunId: string,
): Promise<PayRunPayload> {
  return mutate<PayRunPayload>(url, caller, name, `payRun { ${PAY_RUN_FIELDS} } ${USER_ERRORS}`, { payRunId });
}

/** A pay run that was created: fails the test when it was refused. */
export async function createdPayRun(url: string, caller: Caller, input: Record<string, unknown>): Promise<PayRunView> {
  const { payRun, userErrors } = await createPayRun(url, caller, input);
  if (!payRun) throw new Error(`createPayRun refused: ${JSON.stringify(userErrors)}`);
  return payRun;
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
