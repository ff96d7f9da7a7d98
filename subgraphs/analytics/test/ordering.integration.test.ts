import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '@tessera/events';
import { newCaller } from '../../../packages/testkit/src/index.js';
import {
  commission,
  copyOf,
  creditNoteIssued,
  dashboard,
  DASHBOARD_FIELDS,
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

/**
 * Events reach analytics through one consumer per type, so they arrive in any order, late, or twice.
 * Whatever the order, and however many copies, the read models end in the same state.
 */
let analytics: RunningAnalytics;
beforeAll(async () => {
  analytics = await startAnalytics({ now: () => new Date('2026-03-20T12:00:00Z') });
});
afterAll(async () => {
  await analytics.stop();
});

const MARCH = { from: '2026-03-01', to: '2026-03-31' };
const FIGURES = 'revenue { amount } invoiced { amount } outstanding { amount } pipeline { amount } dealsWon commissionsOwed { amount }';

function tenant() {
  const caller = newCaller({ currency: 'EUR' });
  return { caller, t: caller.tenantId, figures: () => dashboard(analytics.url, caller, MARCH, FIGURES) };
}

describe('invoices out of order', () => {
  it('paid before sent: the older SENT never reopens a PAID invoice', async () => {
    const { t, figures } = tenant();
    const invoiceId = randomUUID();
    await analytics.deliver(invoicePaid(t, { invoiceId, paidAt: '2026-03-10T10:00:00Z' }), invoiceSent(t, { invoiceId }));
    expect(await figures()).toMatchObject({ outstanding: { amount: '0.00' }, invoiced: { amount: '1000.00' } });
  });

  it('a payment before the sending: what was paid is kept, the rest is due', async () => {
    const { t, figures } = tenant();
    const invoiceId = randomUUID();
    await analytics.deliver(
      paymentRecorded(t, { invoiceId, paid: '400.00', payment: '400.00', paidAt: '2026-03-10T10:00:00Z' }),
      invoiceSent(t, { invoiceId }),
    );
    expect(await figures()).toMatchObject({ outstanding: { amount: '600.00' }, revenue: { amount: '400.00' } });
  });

  it('two payments in reverse order: the later amountPaid wins, both payments count as revenue', async () => {
    const { t, figures } = tenant();
    const invoiceId = randomUUID();
    await analytics.deliver(
      invoiceSent(t, { invoiceId }),
      paymentRecorded(t, { invoiceId, paid: '700.00', payment: '300.00', paidAt: '2026-03-11T10:00:00Z' }),
      paymentRecorded(t, { invoiceId, paid: '400.00', payment: '400.00', paidAt: '2026-03-10T10:00:00Z' }),
    );
    expect(await figures()).toMatchObject({ outstanding: { amount: '300.00' }, revenue: { amount: '700.00' } });
  });

  it('voided before sent, and a credit note before its invoice', async () => {
    const { t, figures } = tenant();
    const [voided, credited] = [randomUUID(), randomUUID()];
    await analytics.deliver(invoiceVoided(t, { invoiceId: voided }), invoiceSent(t, { invoiceId: voided }));
    await analytics.deliver(creditNoteIssued(t, { invoiceId: credited, total: '250.00' }));
    // the credit alone says nothing is due yet: its invoice is not known to be sent
    expect((await figures()).outstanding).toEqual({ amount: '0.00' });
    await analytics.deliver(invoiceSent(t, { invoiceId: credited }));
    expect((await figures()).outstanding).toEqual({ amount: '750.00' });
  });
});

describe('deals out of order', () => {
  it('lost before created: the deal never enters the pipeline', async () => {
    const { t, figures } = tenant();
    const dealId = randomUUID();
    await analytics.deliver(
      dealLost(t, { dealId, closedAt: '2026-03-05T10:00:00Z' }),
      dealCreated(t, { dealId, at: '2026-03-01T10:00:00Z' }),
    );
    expect(await figures()).toMatchObject({ pipeline: { amount: '0.00' }, dealsWon: 0 });
  });

  it('won before its creation and stage change: won, out of the pipeline, whatever the clocks say', async () => {
    const { t, figures } = tenant();
    const dealId = randomUUID();
    await analytics.deliver(
      // a skewed clock: the won event carries an occurredAt older than the stage change
      dealWon(t, { dealId, closedAt: '2026-03-05T10:00:00Z', at: '2026-03-01T09:00:00Z' }),
      dealStageChanged(t, { dealId, from: 'LEAD', to: 'PROPOSAL', at: '2026-03-02T10:00:00Z' }),
      dealCreated(t, { dealId, at: '2026-03-01T10:00:00Z' }),
    );
    expect(await figures()).toMatchObject({ pipeline: { amount: '0.00' }, dealsWon: 1 });
  });

  it('moves between open stages: the newest move wins, including a move back', async () => {
    const { caller, t } = tenant();
    const dealId = randomUUID();
    const stages = async () =>
      (await dashboard(analytics.url, caller, MARCH, 'pipelineByStage { stage dealCount value { amount } }')).pipelineByStage;
    await analytics.deliver(
      dealStageChanged(t, { dealId, from: 'QUALIFIED', to: 'PROPOSAL', at: '2026-03-03T10:00:00Z' }),
      dealCreated(t, { dealId, at: '2026-03-01T10:00:00Z' }),
      dealStageChanged(t, { dealId, from: 'LEAD', to: 'QUALIFIED', at: '2026-03-02T10:00:00Z' }),
    );
    expect(await stages()).toEqual([{ stage: 'PROPOSAL', dealCount: 1, value: { amount: '1000.00' } }]);
    await analytics.deliver(
      dealStageChanged(t, { dealId, from: 'NEGOTIATION', to: 'QUALIFIED', at: '2026-03-05T10:00:00Z' }),
      dealStageChanged(t, { dealId, from: 'PROPOSAL', to: 'NEGOTIATION', at: '2026-03-04T10:00:00Z' }),
    );
    expect(await stages()).toEqual([{ stage: 'QUALIFIED', dealCount: 1, value: { amount: '1000.00' } }]);
  });
});

describe('commissions out of order', () => {
  it('paid before accrued and payable: not owed', async () => {
    const { t, figures } = tenant();
    const commissionId = randomUUID();
    await analytics.deliver(
      commission(t, 'PAID', { commissionId, at: '2026-03-20T10:00:00Z' }),
      commission(t, 'ACCRUED', { commissionId, at: '2026-03-01T10:00:00Z' }),
      commission(t, 'PAYABLE', { commissionId, at: '2026-03-10T10:00:00Z' }),
    );
    expect((await figures()).commissionsOwed).toEqual({ amount: '0.00' });
  });
});

/** A month of one tenant's events touching every read model, several per aggregate. */
function scenario(t: string): EventEnvelope[] {
  const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
  const [d1, d2, d3] = [randomUUID(), randomUUID(), randomUUID()];
  const [k1, k2] = [randomUUID(), randomUUID()];
  return [
    invoiceSent(t, { invoiceId: a }),
    paymentRecorded(t, { invoiceId: a, paid: '300.00', payment: '300.00', paidAt: '2026-03-10T10:00:00Z' }),
    paymentRecorded(t, { invoiceId: a, paid: '1000.00', payment: '700.00', paidAt: '2026-03-12T10:00:00Z', status: 'PAID' }),
    invoicePaid(t, { invoiceId: a, paidAt: '2026-03-12T10:00:00Z' }),
    invoiceSent(t, { invoiceId: b, total: '640.00', dueDate: '2026-03-05' }),
    creditNoteIssued(t, { invoiceId: b, total: '40.00' }),
    paymentRecorded(t, {
      invoiceId: b,
      total: '640.00',
      dueDate: '2026-03-05',
      paid: '100.00',
      payment: '100.00',
      paidAt: '2026-03-14T10:00:00Z',
    }),
    invoiceSent(t, { invoiceId: c, total: '90.00' }),
    invoiceVoided(t, { invoiceId: c, total: '90.00' }),
    dealCreated(t, { dealId: d1, at: '2026-03-01T10:00:00Z' }),
    dealStageChanged(t, { dealId: d1, from: 'LEAD', to: 'PROPOSAL', at: '2026-03-02T10:00:00Z' }),
    dealWon(t, { dealId: d1, closedAt: '2026-03-03T10:00:00Z' }),
    dealCreated(t, { dealId: d2, amount: '2500.00', at: '2026-03-01T10:00:00Z' }),
    dealStageChanged(t, { dealId: d2, from: 'LEAD', to: 'NEGOTIATION', amount: '2500.00', at: '2026-03-04T10:00:00Z' }),
    dealCreated(t, { dealId: d3, amount: '700.00', at: '2026-03-01T10:00:00Z' }),
    dealLost(t, { dealId: d3, amount: '700.00', closedAt: '2026-03-06T10:00:00Z' }),
    commission(t, 'ACCRUED', { commissionId: k1, at: '2026-03-03T10:00:00Z' }),
    commission(t, 'PAYABLE', { commissionId: k1, at: '2026-03-12T10:00:00Z' }),
    commission(t, 'ACCRUED', { commissionId: k2, amount: '250.00', at: '2026-03-04T10:00:00Z' }),
    payRunPaid(t, { gross: '5000.00', paidAt: '2026-03-31T10:00:00Z' }),
  ];
}

/** Retargets a scenario's events to another tenant (the same ids: tenants never collide). */
function forTenant(events: EventEnvelope[], tenantId: string): EventEnvelope[] {
  return events.map((event) => ({ ...event, id: randomUUID(), tenantId }));
}

/** A deterministic shuffle (seeded), so a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const result = [...items];
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = result.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

describe('any order, any number of copies', () => {
  it('gives the same dashboard as the events in order, once each', async () => {
    const reference = tenant();
    const events = scenario(reference.t);
    await analytics.deliver(...events);
    const expected = await dashboard(analytics.url, reference.caller, MARCH, DASHBOARD_FIELDS);
    expect(expected).toMatchObject({
      revenue: { amount: '1100.00' },
      outstanding: { amount: '500.00' },
      overdue: { amount: '500.00' },
      pipeline: { amount: '2500.00' },
      dealsWon: 1,
      commissionsOwed: { amount: '350.00' },
      payrollCost: { amount: '5000.00' },
    });

    for (const seed of [1, 2, 3, 4, 5]) {
      const other = tenant();
      const copies = forTenant(events, other.t);
      // every event in a random order, a third of them twice more: the same copy (inbox-less
      // redelivery) and a copy under a new event id (a second publication)
      const withDuplicates = [...copies, ...copies.filter((_, index) => index % 3 === seed % 3).flatMap((event) => [event, copyOf(event)])];
      await analytics.deliver(...shuffled(withDuplicates, seed));
      expect(await dashboard(analytics.url, other.caller, MARCH, DASHBOARD_FIELDS), `seed ${seed}`).toEqual(expected);
    }
  });

  it('the same fact twice changes nothing', async () => {
    const { caller, t } = tenant();
    const events = scenario(t);
    await analytics.deliver(...events);
    const before = await dashboard(analytics.url, caller, MARCH, DASHBOARD_FIELDS);
    await analytics.deliver(...events, ...events.map(copyOf));
    expect(await dashboard(analytics.url, caller, MARCH, DASHBOARD_FIELDS)).toEqual(before);
  });
});
