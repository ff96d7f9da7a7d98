import { randomUUID } from 'node:crypto';
import { createEnvelope, type EventData, type EventEnvelope } from '@tessera/events';
import { query, startTestModule, type TestModule, type TestModuleOptions } from '../../../packages/testkit/src/index.js';
import type { CallerContext } from '@tessera/service-kit';
import analytics, { type AnalyticsDb } from '../src/index.js';

type Caller = CallerContext;
/** A dashboard or a feed page as the tests read it: whatever was selected. */
export type Selected = Record<string, any>;

export type RunningAnalytics = TestModule<AnalyticsDb>;

/** Starts the analytics subgraph in-process on a free port, on the test database (DATABASE_PREFIX=tessera_test). */
export function startAnalytics(options: TestModuleOptions = {}): Promise<RunningAnalytics> {
  return startTestModule<AnalyticsDb>(analytics, options);
}

/** Every field of the dashboard. */
export const DASHBOARD_FIELDS = `from to currency
  revenue { amount currency } revenueByCurrency { amount currency } revenueSeries { date value }
  invoiced { amount currency } invoicedByCurrency { amount currency } invoicedSeries { date value }
  credited { amount currency } creditedByCurrency { amount currency }
  outstanding { amount currency } outstandingByCurrency { amount currency }
  overdue { amount currency } overdueByCurrency { amount currency }
  pipeline { amount currency } pipelineByCurrency { amount currency } pipelineByStage { stage value { amount currency } dealCount }
  dealsWon dealsWonValue { amount currency } dealsWonValueByCurrency { amount currency }
  commissionsOwed { amount currency } commissionsOwedByCurrency { amount currency }
  payrollCost { amount currency } payrollCostByCurrency { amount currency }`;

/** The dashboard of a range (GraphQL errors fail the test). */
export async function dashboard(url: string, caller: Caller, range: { from: string; to: string }, selection = DASHBOARD_FIELDS) {
  const data = await query<{ dashboard: Selected }>(
    url,
    caller,
    `query($range: DateRangeInput!) { dashboard(range: $range) { ${selection} } }`,
    {
      range,
    },
  );
  return data.dashboard;
}

// Envelopes of the events analytics consumes, built and validated by the events package. Every
// builder takes `at` (the envelope's occurredAt) so tests can state the order events happened in.

type Money = { amount: string; currency: string };
const eur = (amount: string, currency = 'EUR'): Money => ({ amount, currency });
const iso = (date: Date | string) => new Date(date).toISOString();

/** An invoice as invoicing's events describe it. Default: 1000.00 EUR, sent 2026-03-02, due 2026-04-01. */
export interface InvoiceFields {
  invoiceId: string;
  status?: EventData<'invoicing.invoice.sent'>['status'];
  total?: string;
  paid?: string;
  due?: string;
  currency?: string;
  issuedAt?: string;
  dueDate?: string | null;
  dealId?: string | null;
  at?: string;
}

function invoiceFacts(fields: InvoiceFields): EventData<'invoicing.invoice.sent'> {
  const currency = fields.currency ?? 'EUR';
  const total = fields.total ?? '1000.00';
  const paid = fields.paid ?? '0.00';
  return {
    contactId: '00000000-0000-4000-8000-000000000001',
    dealId: fields.dealId ?? null,
    number: 'INV-2026-0001',
    status: fields.status ?? 'SENT',
    total: eur(total, currency),
    amountPaid: eur(paid, currency),
    amountDue: eur(fields.due ?? (Number(total) - Number(paid)).toFixed(2), currency),
    issuedAt: iso(fields.issuedAt ?? '2026-03-02T10:00:00Z'),
    dueDate: fields.dueDate === undefined ? '2026-04-01' : fields.dueDate,
  };
}

function when(at: string | undefined) {
  return at ? { occurredAt: new Date(at) } : {};
}

export function invoiceSent(tenantId: string, fields: InvoiceFields) {
  return createEnvelope('invoicing', {
    type: 'invoicing.invoice.sent',
    tenantId,
    subjectId: fields.invoiceId,
    ...when(fields.at ?? fields.issuedAt ?? '2026-03-02T10:00:00Z'),
    data: invoiceFacts(fields),
  });
}

export function paymentRecorded(tenantId: string, fields: InvoiceFields & { paymentId?: string; payment: string; paidAt: string }) {
  return createEnvelope('invoicing', {
    type: 'invoicing.invoice.payment_recorded',
    tenantId,
    subjectId: fields.invoiceId,
    ...when(fields.at ?? fields.paidAt),
    data: {
      ...invoiceFacts({ status: 'PARTIALLY_PAID', ...fields }),
      paymentId: fields.paymentId ?? randomUUID(),
      payment: eur(fields.payment, fields.currency ?? 'EUR'),
      paidAt: iso(fields.paidAt),
    },
  });
}

export function invoicePaid(tenantId: string, fields: InvoiceFields & { paidAt: string }) {
  return createEnvelope('invoicing', {
    type: 'invoicing.invoice.paid',
    tenantId,
    subjectId: fields.invoiceId,
    ...when(fields.at ?? fields.paidAt),
    data: { ...invoiceFacts({ status: 'PAID', paid: fields.total ?? '1000.00', due: '0.00', ...fields }), paidAt: iso(fields.paidAt) },
  });
}

export function invoiceVoided(tenantId: string, fields: InvoiceFields) {
  return createEnvelope('invoicing', {
    type: 'invoicing.invoice.voided',
    tenantId,
    subjectId: fields.invoiceId,
    ...when(fields.at ?? '2026-03-05T10:00:00Z'),
    data: invoiceFacts({ status: 'VOID', ...fields }),
  });
}

export function creditNoteIssued(
  tenantId: string,
  fields: { invoiceId: string; creditNoteId?: string; total: string; currency?: string; issuedAt?: string; at?: string },
) {
  const issuedAt = fields.issuedAt ?? '2026-03-06T10:00:00Z';
  return createEnvelope('invoicing', {
    type: 'invoicing.credit_note.issued',
    tenantId,
    subjectId: fields.creditNoteId ?? randomUUID(),
    ...when(fields.at ?? issuedAt),
    data: {
      invoiceId: fields.invoiceId,
      contactId: '00000000-0000-4000-8000-000000000001',
      number: 'CN-2026-0001',
      total: eur(fields.total, fields.currency ?? 'EUR'),
      issuedAt: iso(issuedAt),
    },
  });
}

type Stage = EventData<'crm.deal.created'>['stage'];

export function dealCreated(tenantId: string, fields: { dealId: string; stage?: Stage; amount?: string; currency?: string; at: string }) {
  return createEnvelope('crm', {
    type: 'crm.deal.created',
    tenantId,
    subjectId: fields.dealId,
    ...when(fields.at),
    data: {
      title: 'Website redesign',
      contactId: '00000000-0000-4000-8000-000000000001',
      ownerId: null,
      stage: fields.stage ?? 'LEAD',
      amount: eur(fields.amount ?? '1000.00', fields.currency),
    },
  });
}

export function dealStageChanged(
  tenantId: string,
  fields: { dealId: string; from: Stage; to: Stage; amount?: string; currency?: string; at: string },
) {
  return createEnvelope('crm', {
    type: 'crm.deal.stage_changed',
    tenantId,
    subjectId: fields.dealId,
    ...when(fields.at),
    data: { title: 'Website redesign', from: fields.from, to: fields.to, amount: eur(fields.amount ?? '1000.00', fields.currency) },
  });
}

export function dealWon(tenantId: string, fields: { dealId: string; amount?: string; currency?: string; closedAt: string; at?: string }) {
  return createEnvelope('crm', {
    type: 'crm.deal.won',
    tenantId,
    subjectId: fields.dealId,
    ...when(fields.at ?? fields.closedAt),
    data: {
      title: 'Website redesign',
      contactId: '00000000-0000-4000-8000-000000000001',
      ownerId: null,
      amount: eur(fields.amount ?? '1000.00', fields.currency),
      closedAt: iso(fields.closedAt),
    },
  });
}

export function dealLost(tenantId: string, fields: { dealId: string; amount?: string; currency?: string; closedAt: string; at?: string }) {
  return createEnvelope('crm', {
    type: 'crm.deal.lost',
    tenantId,
    subjectId: fields.dealId,
    ...when(fields.at ?? fields.closedAt),
    data: {
      title: 'Website redesign',
      contactId: '00000000-0000-4000-8000-000000000001',
      ownerId: null,
      amount: eur(fields.amount ?? '1000.00', fields.currency),
      closedAt: iso(fields.closedAt),
      reason: null,
    },
  });
}

type CommissionStatus = EventData<'payroll.commission.accrued'>['status'];

export function commission(
  tenantId: string,
  status: CommissionStatus,
  fields: { commissionId: string; amount?: string; currency?: string; at: string },
): EventEnvelope {
  const data = {
    employeeId: '00000000-0000-4000-8000-000000000002',
    dealId: '00000000-0000-4000-8000-000000000003',
    status,
    amount: eur(fields.amount ?? '100.00', fields.currency),
  };
  const base = { tenantId, subjectId: fields.commissionId, ...when(fields.at) };
  if (status === 'ACCRUED') return createEnvelope('payroll', { ...base, type: 'payroll.commission.accrued', data });
  if (status === 'PAYABLE') return createEnvelope('payroll', { ...base, type: 'payroll.commission.payable', data });
  return createEnvelope('payroll', { ...base, type: 'payroll.commission.paid', data: { ...data, payRunId: randomUUID() } });
}

export function payRunPaid(tenantId: string, fields: { payRunId?: string; gross: string; currency?: string; paidAt: string }) {
  const currency = fields.currency ?? 'EUR';
  return createEnvelope('payroll', {
    type: 'payroll.pay_run.paid',
    tenantId,
    subjectId: fields.payRunId ?? randomUUID(),
    ...when(fields.paidAt),
    data: {
      periodStart: '2026-03-01',
      periodEnd: '2026-03-31',
      gross: eur(fields.gross, currency),
      commissions: eur('0.00', currency),
      payslipCount: 3,
      paidAt: iso(fields.paidAt),
    },
  });
}

/** The same event again under a new event id (a second copy the inbox cannot recognise). */
export function copyOf<T extends EventEnvelope>(event: T): T {
  return { ...event, id: randomUUID() };
}

export function contactCreated(tenantId: string, fields: { contactId?: string; name: string; at?: string }) {
  return createEnvelope('crm', {
    type: 'crm.contact.created',
    tenantId,
    subjectId: fields.contactId ?? randomUUID(),
    ...when(fields.at),
    data: { name: fields.name, email: null, companyId: null },
  });
}

export function employeeHired(tenantId: string, fields: { employeeId?: string; name: string; jobTitle?: string | null; at?: string }) {
  return createEnvelope('hr', {
    type: 'hr.employee.hired',
    tenantId,
    subjectId: fields.employeeId ?? randomUUID(),
    ...when(fields.at),
    data: {
      name: fields.name,
      email: 'someone@example.com',
      jobTitle: fields.jobTitle ?? null,
      departmentId: null,
      managerId: null,
      hiredAt: '2026-03-01',
      salary: eur('60000.00'),
      revision: 1,
    },
  });
}

/** Every field of an activity item. */
export const ACTIVITY_ITEM_FIELDS = 'id type module occurredAt summary subjectId amount { amount currency }';

/** A page of the activity feed (GraphQL errors fail the test). */
export async function activityPage(url: string, caller: Caller, args: { first?: number; after?: string | null } = {}) {
  const data = await query<{ activity: Selected }>(
    url,
    caller,
    `query($first: Int, $after: String) { activity(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { ${ACTIVITY_ITEM_FIELDS} } } } }`,
    { first: args.first ?? 100, after: args.after ?? null },
  );
  return data.activity;
}
