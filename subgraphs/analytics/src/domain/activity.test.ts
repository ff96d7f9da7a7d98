import { describe, expect, it } from 'vitest';
import { createEnvelope, EVENT_TYPES, type EventData, type EventType } from '@tessera/events';
import { ACTIVITY_EVENT_TYPES, describeActivity, formatInstant, formatMoney, hasActivity, label, quoted } from './activity.js';

const TENANT = '00000000-0000-4000-8000-00000000000a';
const ID = '00000000-0000-4000-8000-000000000001';
const eur = (amount: string) => ({ amount, currency: 'EUR' });

function event<T extends EventType>(type: T, data: EventData<T>) {
  const [module] = type.split('.') as [string];
  return createEnvelope(module, { type, tenantId: TENANT, subjectId: ID, data });
}

const invoiceFacts = {
  contactId: ID,
  dealId: null,
  number: 'INV-2026-0001',
  status: 'SENT' as const,
  total: eur('1200.00'),
  amountPaid: eur('0.00'),
  amountDue: eur('1200.00'),
  issuedAt: '2026-03-02T10:00:00.000Z',
  dueDate: '2026-04-01',
};
const commission = { employeeId: ID, dealId: ID, amount: eur('100.00') };
const employee = {
  name: 'Grace Hopper',
  email: 'grace@example.com',
  jobTitle: 'Engineer',
  departmentId: null,
  managerId: null,
  hiredAt: '2026-03-01',
  salary: eur('90000.00'),
  revision: 1,
};
const appointmentFacts = {
  contactId: ID,
  serviceId: ID,
  serviceName: 'Haircut',
  resourceId: ID,
  price: eur('40.00'),
  startsAt: '2026-03-02T10:00:00.000Z',
  endsAt: '2026-03-02T10:30:00.000Z',
};
const order = { contactId: null, number: 'ORD-000123', currency: 'EUR', total: eur('59.90'), locationId: ID };
const line = { variantId: ID, sku: 'TS-M', name: 'T-shirt / M', quantity: 1, unitPrice: eur('12.50'), lineTotal: eur('12.50') };
const sale = {
  registerId: ID,
  sessionId: ID,
  locationId: ID,
  receiptNumber: 'R1-000042',
  currency: 'EUR',
  lines: [line],
  total: eur('12.50'),
  payments: [{ method: 'CASH' as const, amount: eur('20.00') }],
  change: eur('7.50'),
  completedAt: '2026-03-02T10:00:00.000Z',
};

/** One event of every type that makes an item, and the sentence it reads as. */
const CASES: [ReturnType<typeof event>, string][] = [
  [event('crm.contact.created', { name: 'Ada Lovelace', email: null, companyId: null }), 'Contact “Ada Lovelace” created'],
  [
    event('crm.deal.created', { title: 'Website redesign', contactId: ID, ownerId: null, stage: 'LEAD', amount: eur('12000.00') }),
    'Deal “Website redesign” created in Lead · 12,000.00 EUR',
  ],
  [
    event('crm.deal.stage_changed', { title: 'Website redesign', from: 'QUALIFIED', to: 'NEGOTIATION', amount: eur('12000.00') }),
    'Deal “Website redesign” moved from Qualified to Negotiation · 12,000.00 EUR',
  ],
  [
    event('crm.deal.won', {
      title: 'Website redesign',
      contactId: ID,
      ownerId: null,
      amount: eur('12000.00'),
      closedAt: '2026-03-04T10:00:00.000Z',
    }),
    'Deal “Website redesign” won · 12,000.00 EUR',
  ],
  [
    event('crm.deal.lost', {
      title: 'Website redesign',
      contactId: ID,
      ownerId: null,
      amount: eur('12000.00'),
      closedAt: '2026-03-04T10:00:00.000Z',
      reason: 'Budget cut, do not repeat',
    }),
    'Deal “Website redesign” lost · 12,000.00 EUR',
  ],
  [event('invoicing.invoice.sent', invoiceFacts), 'Invoice INV-2026-0001 sent · 1,200.00 EUR'],
  [
    event('invoicing.invoice.payment_recorded', {
      ...invoiceFacts,
      status: 'PARTIALLY_PAID',
      paymentId: ID,
      payment: eur('250.00'),
      paidAt: '2026-03-10T10:00:00.000Z',
    }),
    'Payment received for invoice INV-2026-0001 · 250.00 EUR',
  ],
  [
    event('invoicing.invoice.paid', { ...invoiceFacts, status: 'PAID', paidAt: '2026-03-10T10:00:00.000Z' }),
    'Invoice INV-2026-0001 paid in full · 1,200.00 EUR',
  ],
  [event('invoicing.invoice.voided', { ...invoiceFacts, status: 'VOID' }), 'Invoice INV-2026-0001 voided · 1,200.00 EUR'],
  [
    event('invoicing.credit_note.issued', {
      invoiceId: ID,
      contactId: ID,
      number: 'CN-2026-0001',
      total: eur('40.00'),
      issuedAt: '2026-03-06T10:00:00.000Z',
    }),
    'Credit note CN-2026-0001 issued · 40.00 EUR',
  ],
  [event('hr.employee.hired', employee), 'Employee “Grace Hopper” hired as Engineer, starting 2026-03-01'],
  [
    event('hr.employee.terminated', { ...employee, revision: 3, terminatedAt: '2026-04-30', reason: 'Private matter' }),
    'Employee “Grace Hopper” leaving, last day 2026-04-30',
  ],
  [event('payroll.commission.accrued', { ...commission, status: 'ACCRUED' }), 'Commission accrued · 100.00 EUR'],
  [event('payroll.commission.payable', { ...commission, status: 'PAYABLE' }), 'Commission became payable · 100.00 EUR'],
  [event('payroll.commission.paid', { ...commission, status: 'PAID', payRunId: ID }), 'Commission paid · 100.00 EUR'],
  [
    event('payroll.pay_run.paid', {
      periodStart: '2026-03-01',
      periodEnd: '2026-03-31',
      gross: eur('7000.00'),
      commissions: eur('0.00'),
      payslipCount: 3,
      paidAt: '2026-03-31T10:00:00.000Z',
    }),
    'Pay run 2026-03-01 to 2026-03-31 paid · 7,000.00 EUR',
  ],
  [
    event('projects.project.created', {
      name: 'Website',
      status: 'PLANNED',
      contactId: null,
      dealId: null,
      startDate: null,
      dueDate: null,
    }),
    'Project “Website” created',
  ],
  [
    event('projects.project.status_changed', { name: 'Website', contactId: null, from: 'ON_HOLD', to: 'COMPLETED' }),
    'Project “Website” moved from On hold to Completed',
  ],
  [
    event('booking.appointment.requested', { ...appointmentFacts, status: 'REQUESTED' }),
    'Appointment “Haircut” on 2026-03-02 10:00 UTC requested · 40.00 EUR',
  ],
  [
    event('booking.appointment.confirmed', { ...appointmentFacts, status: 'CONFIRMED', confirmedAt: '2026-03-01T09:00:00.000Z' }),
    'Appointment “Haircut” on 2026-03-02 10:00 UTC confirmed · 40.00 EUR',
  ],
  [
    event('booking.appointment.cancelled', {
      ...appointmentFacts,
      status: 'CANCELLED',
      cancelledAt: '2026-03-01T09:00:00.000Z',
      reason: null,
    }),
    'Appointment “Haircut” on 2026-03-02 10:00 UTC cancelled · 40.00 EUR',
  ],
  [
    event('booking.appointment.completed', { ...appointmentFacts, status: 'COMPLETED', completedAt: '2026-03-02T10:30:00.000Z' }),
    'Appointment “Haircut” on 2026-03-02 10:00 UTC completed · 40.00 EUR',
  ],
  [
    event('commerce.order.placed', { ...order, status: 'UNCONFIRMED', lines: [line], placedAt: '2026-03-02T10:00:00.000Z' }),
    'Order ORD-000123 placed · 59.90 EUR',
  ],
  [
    event('commerce.order.canceled', { ...order, status: 'CANCELED', canceledAt: '2026-03-02T10:00:00.000Z' }),
    'Order ORD-000123 cancelled · 59.90 EUR',
  ],
  [event('pos.sale.completed', sale), 'Sale R1-000042 completed · 12.50 EUR'],
  [event('pos.sale.voided', { ...sale, voidedAt: '2026-03-02T11:00:00.000Z' }), 'Sale R1-000042 voided · 12.50 EUR'],
  [
    event('fleet.cost.recorded', { vehicleId: ID, kind: 'MAINTENANCE', amount: eur('380.00'), day: '2026-03-05' }),
    'Maintenance cost of 2026-03-05 recorded · 380.00 EUR',
  ],
];

describe('describeActivity', () => {
  it.each(CASES.map(([envelope, summary]) => [envelope.type, envelope, summary] as const))('%s', (_type, envelope, summary) => {
    const activity = describeActivity(envelope);
    expect(activity?.summary).toBe(summary);
    expect(activity?.module).toBe(envelope.type.split('.')[0]);
  });

  it('covers every type that makes an item, once', () => {
    expect(CASES.map(([envelope]) => envelope.type).sort()).toEqual([...ACTIVITY_EVENT_TYPES].sort());
  });

  it('keeps the amount exact and apart, and has none where the event has none (or a private one)', () => {
    expect(describeActivity(CASES[1]![0])?.amount).toEqual({ amount: '12000.00', currency: 'EUR' });
    expect(describeActivity(event('pos.sale.completed', { ...sale, total: eur('12.5') }))?.amount).toEqual(eur('12.5'));
    expect(describeActivity(CASES[0]![0])?.amount).toBeNull();
    const hired = describeActivity(event('hr.employee.hired', employee));
    expect(hired?.amount).toBeNull();
    expect(hired?.summary).not.toMatch(/90,000|90000/);
  });

  it('makes no item of the types it does not describe', () => {
    expect(describeActivity(event('crm.contact.deleted', { deletedAt: '2026-03-01T10:00:00.000Z' }))).toBeNull();
    expect(describeActivity(event('analytics.dashboard.updated', { cause: 'crm.deal.won', causeId: ID }))).toBeNull();
    expect(hasActivity('crm.contact.deleted')).toBe(false);
    expect(hasActivity('crm.deal.won')).toBe(true);
    for (const type of ACTIVITY_EVENT_TYPES) expect(EVENT_TYPES).toContain(type);
  });

  it('reads without a number or a job title', () => {
    expect(describeActivity(event('invoicing.invoice.voided', { ...invoiceFacts, number: null, status: 'VOID' }))?.summary).toBe(
      'An invoice voided · 1,200.00 EUR',
    );
    expect(
      describeActivity(
        event('invoicing.invoice.payment_recorded', {
          ...invoiceFacts,
          number: null,
          paymentId: ID,
          payment: eur('5.00'),
          paidAt: '2026-03-10T10:00:00.000Z',
        }),
      )?.summary,
    ).toBe('Payment received for an invoice · 5.00 EUR');
    expect(describeActivity(event('hr.employee.hired', { ...employee, jobTitle: null }))?.summary).toBe(
      'Employee “Grace Hopper” hired, starting 2026-03-01',
    );
  });
});

describe('the pieces of a sentence', () => {
  it('formats amounts with the currency’s decimals and thousands separators', () => {
    expect(formatMoney(eur('12000'))).toBe('12,000.00 EUR');
    expect(formatMoney(eur('1234567.891'))).toBe('1,234,567.89 EUR');
    expect(formatMoney(eur('0.5'))).toBe('0.50 EUR');
    expect(formatMoney(eur('-1500.00'))).toBe('-1,500.00 EUR');
    expect(formatMoney({ amount: '1500', currency: 'JPY' })).toBe('1,500 JPY');
    expect(formatMoney({ amount: '1.5', currency: 'KWD' })).toBe('1.500 KWD');
    expect(formatMoney(eur('999.999'))).toBe('1,000.00 EUR');
  });

  it('quotes names trimmed, on one line, and cut at 80 characters', () => {
    expect(quoted('  Website\n redesign ')).toBe('“Website redesign”');
    const long = quoted('x'.repeat(200));
    expect([...long]).toHaveLength(82);
    expect(long.endsWith('…”')).toBe(true);
    expect(quoted('x'.repeat(80))).toBe(`“${'x'.repeat(80)}”`);
  });

  it('puts states in sentence case and instants in UTC', () => {
    expect(label('NEGOTIATION')).toBe('Negotiation');
    expect(label('ON_HOLD')).toBe('On hold');
    expect(formatInstant('2026-03-02T11:05:00+01:00')).toBe('2026-03-02 10:05 UTC');
  });
});
