import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaller } from '../../../packages/testkit/src/index.js';
import { createEnvelope } from '@tessera/events';
import {
  commission,
  copyOf,
  creditNoteIssued,
  dashboard,
  dealCreated,
  dealLost,
  dealStageChanged,
  dealWon,
  invoicePaid,
  invoiceSent,
  invoiceVoided,
  payRunPaid,
  paymentRecorded,
  startAnalytics,
  type RunningAnalytics,
} from './harness.js';

/** Every metric of the dashboard from consumer handler calls (the framework's transaction, no NATS). */
let analytics: RunningAnalytics;
beforeAll(async () => {
  analytics = await startAnalytics({ now: () => new Date('2026-03-20T12:00:00Z') });
});
afterAll(async () => {
  await analytics.stop();
});

const MARCH = { from: '2026-03-01', to: '2026-03-31' };
const money = (amount: string, currency = 'EUR') => ({ amount, currency });

/** A month of business in EUR (the tenant's currency) with a little USD on the side. */
async function seedMarch(tenantId: string) {
  const [a, b, c, d, e] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const [deal1, deal2, deal3, deal4, deal5] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const [c1, c2, c3, c4] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  await analytics.deliver(
    // A: 1000 sent on the 2nd, 400 paid on the 10th -> 600 due on April 1st
    invoiceSent(tenantId, { invoiceId: a, issuedAt: '2026-03-02T10:00:00Z', dueDate: '2026-04-01' }),
    paymentRecorded(tenantId, { invoiceId: a, paid: '400.00', payment: '400.00', paidAt: '2026-03-10T09:00:00Z' }),
    // B: 500 sent on the 3rd, due on the 5th, credited 100 -> 400 overdue
    invoiceSent(tenantId, { invoiceId: b, total: '500.00', issuedAt: '2026-03-03T10:00:00Z', dueDate: '2026-03-05' }),
    creditNoteIssued(tenantId, { invoiceId: b, total: '100.00', issuedAt: '2026-03-06T10:00:00Z' }),
    // C: 300 USD, open
    invoiceSent(tenantId, { invoiceId: c, total: '300.00', currency: 'USD', issuedAt: '2026-03-04T10:00:00Z' }),
    // D: 200, paid in full on the 12th (payment_recorded, then paid)
    invoiceSent(tenantId, { invoiceId: d, total: '200.00', issuedAt: '2026-03-04T11:00:00Z' }),
    paymentRecorded(tenantId, {
      invoiceId: d,
      total: '200.00',
      status: 'PAID',
      paid: '200.00',
      payment: '200.00',
      paidAt: '2026-03-12T23:59:59Z',
    }),
    invoicePaid(tenantId, { invoiceId: d, total: '200.00', paidAt: '2026-03-12T23:59:59Z' }),
    // E: 250, voided
    invoiceSent(tenantId, { invoiceId: e, total: '250.00', issuedAt: '2026-03-05T10:00:00Z' }),
    invoiceVoided(tenantId, { invoiceId: e, total: '250.00', at: '2026-03-06T10:00:00Z' }),
    // deals: two open in EUR, one open in USD, one won, one lost
    dealCreated(tenantId, { dealId: deal1, amount: '1000.00', at: '2026-03-01T10:00:00Z' }),
    dealCreated(tenantId, { dealId: deal2, stage: 'QUALIFIED', amount: '2000.00', at: '2026-03-01T10:00:00Z' }),
    dealStageChanged(tenantId, { dealId: deal2, from: 'QUALIFIED', to: 'PROPOSAL', amount: '2000.00', at: '2026-03-02T10:00:00Z' }),
    dealCreated(tenantId, { dealId: deal3, stage: 'NEGOTIATION', amount: '5000.00', currency: 'USD', at: '2026-03-01T10:00:00Z' }),
    dealCreated(tenantId, { dealId: deal4, amount: '800.00', at: '2026-03-01T10:00:00Z' }),
    dealWon(tenantId, { dealId: deal4, amount: '800.00', closedAt: '2026-03-15T10:00:00Z' }),
    dealCreated(tenantId, { dealId: deal5, amount: '900.00', at: '2026-03-01T10:00:00Z' }),
    dealLost(tenantId, { dealId: deal5, amount: '900.00', closedAt: '2026-03-16T10:00:00Z' }),
    // commissions: 100 accrued, 50 payable, 70 paid, 30 USD accrued
    commission(tenantId, 'ACCRUED', { commissionId: c1, amount: '100.00', at: '2026-03-15T10:00:00Z' }),
    commission(tenantId, 'ACCRUED', { commissionId: c2, amount: '50.00', at: '2026-03-15T10:00:00Z' }),
    commission(tenantId, 'PAYABLE', { commissionId: c2, amount: '50.00', at: '2026-03-16T10:00:00Z' }),
    commission(tenantId, 'ACCRUED', { commissionId: c3, amount: '70.00', at: '2026-03-15T10:00:00Z' }),
    commission(tenantId, 'PAYABLE', { commissionId: c3, amount: '70.00', at: '2026-03-16T10:00:00Z' }),
    commission(tenantId, 'PAID', { commissionId: c3, amount: '70.00', at: '2026-03-31T10:00:00Z' }),
    commission(tenantId, 'ACCRUED', { commissionId: c4, amount: '30.00', currency: 'USD', at: '2026-03-15T10:00:00Z' }),
    // pay runs: one paid in March, one in February
    payRunPaid(tenantId, { gross: '9000.00', paidAt: '2026-03-31T16:00:00Z' }),
    payRunPaid(tenantId, { gross: '8000.00', paidAt: '2026-02-28T16:00:00Z' }),
  );
}

describe('the dashboard from events', () => {
  it('totals every metric of a month, in the tenant currency, with the other currencies listed apart', async () => {
    const caller = newCaller({ currency: 'EUR' });
    await seedMarch(caller.tenantId);
    const view = await dashboard(analytics.url, caller, MARCH);
    expect(view).toMatchObject({
      from: '2026-03-01',
      to: '2026-03-31',
      currency: 'EUR',
      revenue: money('600.00'),
      revenueByCurrency: [money('600.00')],
      invoiced: money('1950.00'),
      invoicedByCurrency: [money('1950.00'), money('300.00', 'USD')],
      credited: money('100.00'),
      creditedByCurrency: [money('100.00')],
      outstanding: money('1000.00'),
      outstandingByCurrency: [money('1000.00'), money('300.00', 'USD')],
      overdue: money('400.00'),
      overdueByCurrency: [money('400.00')],
      pipeline: money('3000.00'),
      pipelineByCurrency: [money('3000.00'), money('5000.00', 'USD')],
      pipelineByStage: [
        { stage: 'LEAD', value: money('1000.00'), dealCount: 1 },
        { stage: 'PROPOSAL', value: money('2000.00'), dealCount: 1 },
        { stage: 'NEGOTIATION', value: money('5000.00', 'USD'), dealCount: 1 },
      ],
      dealsWon: 1,
      dealsWonValue: money('800.00'),
      dealsWonValueByCurrency: [money('800.00')],
      commissionsOwed: money('150.00'),
      commissionsOwedByCurrency: [money('150.00'), money('30.00', 'USD')],
      payrollCost: money('9000.00'),
      payrollCostByCurrency: [money('9000.00')],
    });
    // one point per day, zeros included, on the UTC day of each payment / sending
    expect(view.revenueSeries).toHaveLength(31);
    expect(view.revenueSeries.filter((point: any) => point.value !== '0.00')).toEqual([
      { date: '2026-03-10', value: '400.00' },
      { date: '2026-03-12', value: '200.00' },
    ]);
    expect(view.revenueSeries[0]).toEqual({ date: '2026-03-01', value: '0.00' });
    expect(view.revenueSeries[30]).toEqual({ date: '2026-03-31', value: '0.00' });
    expect(view.invoicedSeries.filter((point: any) => point.value !== '0.00')).toEqual([
      { date: '2026-03-02', value: '1000.00' },
      { date: '2026-03-03', value: '500.00' },
      { date: '2026-03-04', value: '200.00' },
      { date: '2026-03-05', value: '250.00' },
    ]);
  });

  it('puts the headline figures in the caller tenant currency: a USD tenant sees its USD, the EUR amounts only in the lists', async () => {
    const eurCaller = newCaller({ currency: 'EUR' });
    await seedMarch(eurCaller.tenantId);
    const usdCaller = { ...eurCaller, currency: 'USD' };
    const view = await dashboard(analytics.url, usdCaller, MARCH);
    expect(view).toMatchObject({
      currency: 'USD',
      revenue: money('0.00', 'USD'),
      revenueByCurrency: [money('600.00')],
      invoiced: money('300.00', 'USD'),
      outstanding: money('300.00', 'USD'),
      overdue: money('0.00', 'USD'),
      pipeline: money('5000.00', 'USD'),
      dealsWon: 1,
      dealsWonValue: money('0.00', 'USD'),
      commissionsOwed: money('30.00', 'USD'),
      payrollCost: money('0.00', 'USD'),
    });
    expect(view.revenueSeries.every((point: any) => point.value === '0.00')).toBe(true);
    // a currency with another minor unit is formatted with its own decimals
    expect((await dashboard(analytics.url, { ...eurCaller, currency: 'JPY' }, MARCH, 'revenue { amount currency }')).revenue).toEqual(
      money('0', 'JPY'),
    );
  });

  it('counts period figures by UTC day, both ends of the range included', async () => {
    const caller = newCaller({ currency: 'EUR' });
    const t = caller.tenantId;
    const invoiceId = randomUUID();
    await analytics.deliver(
      invoiceSent(t, { invoiceId, total: '100.00', issuedAt: '2026-02-28T23:59:59Z' }),
      paymentRecorded(t, { invoiceId, total: '100.00', paid: '10.00', payment: '10.00', paidAt: '2026-03-01T00:00:00Z' }),
      paymentRecorded(t, { invoiceId, total: '100.00', paid: '30.00', payment: '20.00', paidAt: '2026-03-31T23:59:59.999Z' }),
      paymentRecorded(t, { invoiceId, total: '100.00', paid: '70.00', payment: '40.00', paidAt: '2026-04-01T00:00:00Z' }),
      dealWon(t, { dealId: randomUUID(), closedAt: '2026-02-28T23:59:59Z' }),
      dealWon(t, { dealId: randomUUID(), closedAt: '2026-03-31T23:00:00Z' }),
    );
    const view = await dashboard(analytics.url, caller, MARCH, 'revenue { amount } invoiced { amount } dealsWon outstanding { amount }');
    expect(view).toEqual({ revenue: { amount: '30.00' }, invoiced: { amount: '0.00' }, dealsWon: 1, outstanding: { amount: '30.00' } });
    const april = await dashboard(
      analytics.url,
      caller,
      { from: '2026-04-01', to: '2026-04-01' },
      'revenue { amount } revenueSeries { date value }',
    );
    expect(april).toEqual({ revenue: { amount: '40.00' }, revenueSeries: [{ date: '2026-04-01', value: '40.00' }] });
  });

  it('an empty tenant has zeros everywhere and empty lists', async () => {
    const caller = newCaller({ currency: 'EUR' });
    const view = await dashboard(analytics.url, caller, { from: '2026-03-01', to: '2026-03-03' });
    expect(view).toMatchObject({
      revenue: money('0.00'),
      revenueByCurrency: [],
      outstanding: money('0.00'),
      outstandingByCurrency: [],
      pipeline: money('0.00'),
      pipelineByStage: [],
      dealsWon: 0,
      commissionsOwed: money('0.00'),
      payrollCost: money('0.00'),
      revenueSeries: [
        { date: '2026-03-01', value: '0.00' },
        { date: '2026-03-02', value: '0.00' },
        { date: '2026-03-03', value: '0.00' },
      ],
    });
  });

  it('a credit note that settles an open invoice leaves nothing outstanding; one on a paid invoice changes nothing due', async () => {
    const caller = newCaller({ currency: 'EUR' });
    const t = caller.tenantId;
    const [open, paid] = [randomUUID(), randomUUID()];
    await analytics.deliver(
      invoiceSent(t, { invoiceId: open, total: '300.00' }),
      paymentRecorded(t, { invoiceId: open, total: '300.00', paid: '100.00', payment: '100.00', paidAt: '2026-03-10T10:00:00Z' }),
      creditNoteIssued(t, { invoiceId: open, total: '150.00' }),
    );
    expect((await dashboard(analytics.url, caller, MARCH, 'outstanding { amount }')).outstanding).toEqual({ amount: '50.00' });
    await analytics.deliver(
      creditNoteIssued(t, { invoiceId: open, total: '50.00', issuedAt: '2026-03-11T10:00:00Z' }),
      invoicePaid(t, { invoiceId: open, total: '300.00', paid: '100.00', paidAt: '2026-03-11T10:00:00Z' }),
      invoiceSent(t, { invoiceId: paid, total: '80.00' }),
      paymentRecorded(t, {
        invoiceId: paid,
        status: 'PAID',
        total: '80.00',
        paid: '80.00',
        payment: '80.00',
        paidAt: '2026-03-12T10:00:00Z',
      }),
      creditNoteIssued(t, { invoiceId: paid, total: '20.00', issuedAt: '2026-03-13T10:00:00Z' }),
    );
    expect(await dashboard(analytics.url, caller, MARCH, 'outstanding { amount } credited { amount } revenue { amount }')).toEqual({
      outstanding: { amount: '0.00' },
      credited: { amount: '220.00' },
      revenue: { amount: '180.00' },
    });
  });
});

describe('the other modules: bookings, orders, POS sales and fleet cost', () => {
  it('counts completed appointments and placed orders, sums POS sales and fleet costs, per day and in the tenant currency', async () => {
    const caller = newCaller({ currency: 'EUR' });
    const tenantId = caller.tenantId;
    const appointment = createEnvelope('booking', {
      type: 'booking.appointment.completed',
      tenantId,
      subjectId: randomUUID(),
      data: {
        contactId: randomUUID(),
        serviceId: randomUUID(),
        serviceName: 'Haircut',
        resourceId: randomUUID(),
        price: money('45.00'),
        startsAt: '2026-03-10T09:00:00.000Z',
        endsAt: '2026-03-10T09:30:00.000Z',
        status: 'COMPLETED',
        completedAt: '2026-03-10T09:35:00.000Z',
      },
    });
    const order = createEnvelope('commerce', {
      type: 'commerce.order.placed',
      tenantId,
      subjectId: randomUUID(),
      data: {
        contactId: null,
        number: 'ORD-000001',
        status: 'UNCONFIRMED',
        currency: 'EUR',
        total: money('120.00'),
        locationId: randomUUID(),
        lines: [{ variantId: randomUUID(), sku: 'A', name: 'A / M', quantity: 2, unitPrice: money('60.00'), lineTotal: money('120.00') }],
        placedAt: '2026-03-11T12:00:00.000Z',
      },
    });
    const sale = createEnvelope('pos', {
      type: 'pos.sale.completed',
      tenantId,
      subjectId: randomUUID(),
      data: {
        registerId: randomUUID(),
        sessionId: randomUUID(),
        locationId: randomUUID(),
        receiptNumber: 'R1-000001',
        currency: 'EUR',
        lines: [{ variantId: randomUUID(), sku: 'A', name: 'A / M', quantity: 1, unitPrice: money('9.90'), lineTotal: money('9.90') }],
        total: money('9.90'),
        payments: [{ method: 'CASH', amount: money('10.00') }],
        change: money('0.10'),
        completedAt: '2026-03-12T16:00:00.000Z',
      },
    });
    const fuel = createEnvelope('fleet', {
      type: 'fleet.cost.recorded',
      tenantId,
      subjectId: randomUUID(),
      data: { vehicleId: randomUUID(), kind: 'FUEL', amount: money('73.40'), day: '2026-03-13' },
    });
    const repairUsd = createEnvelope('fleet', {
      type: 'fleet.cost.recorded',
      tenantId,
      subjectId: randomUUID(),
      data: { vehicleId: randomUUID(), kind: 'MAINTENANCE', amount: money('200.00', 'USD'), day: '2026-03-14' },
    });
    // Each fact twice: the second copy (a new event id for the same appointment, order or sale) counts once.
    await analytics.deliver(appointment, order, sale, fuel, repairUsd, copyOf(appointment), copyOf(order), copyOf(sale));
    const view = await dashboard(
      analytics.url,
      caller,
      MARCH,
      'bookings bookingRevenue { amount currency } orders orderValue { amount } posSales { amount } fleetCost { amount } fleetCostByCurrency { amount currency }',
    );
    expect(view).toEqual({
      bookings: 1,
      bookingRevenue: money('45.00'),
      orders: 1,
      orderValue: { amount: '120.00' },
      posSales: { amount: '9.90' },
      fleetCost: { amount: '73.40' },
      fleetCostByCurrency: [money('73.40'), money('200.00', 'USD')],
    });
    // Another tenant sees none of it.
    expect((await dashboard(analytics.url, newCaller({ currency: 'EUR' }), MARCH, 'bookings orders')).bookings).toBe(0);
  });
});
