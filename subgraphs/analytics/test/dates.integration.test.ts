import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaller } from '../../../packages/testkit/src/index.js';
import { dashboard, invoiceSent, startAnalytics, type RunningAnalytics } from './harness.js';

let analytics: RunningAnalytics;
beforeAll(async () => {
  analytics = await startAnalytics({ now: () => new Date('2026-03-20T12:00:00Z') });
});
afterAll(async () => {
  await analytics.stop();
});

/** Years JavaScript's Date.UTC(y, …) and new Date(y, m, d) would move to 1900 + y, and the edges of the range. */
const DAYS = ['0001-01-01', '0099-12-31', '0100-01-01', '1999-12-31', '9999-12-31'];
const eur = (amount: string) => ({ amount, currency: 'EUR' });

describe('days are stored and answered exactly as given', () => {
  it('a fact of years 1, 99, 100, 1999 and 9999 counts on its own day, and a range of that day echoes it', async () => {
    const caller = newCaller({ currency: 'EUR' });
    await analytics.deliver(
      ...DAYS.map((day) => invoiceSent(caller.tenantId, { invoiceId: randomUUID(), total: '100.00', issuedAt: `${day}T10:00:00.000Z` })),
    );
    for (const day of DAYS) {
      const view = await dashboard(
        analytics.url,
        caller,
        { from: day, to: day },
        'from to invoiced { amount currency } invoicedSeries { date value }',
      );
      expect(view, day).toEqual({ from: day, to: day, invoiced: eur('100.00'), invoicedSeries: [{ date: day, value: '100.00' }] });
    }
  });

  it('due dates of years 1, 99, 100 and 1999 are overdue, 9999 is not', async () => {
    const caller = newCaller({ currency: 'EUR' });
    await analytics.deliver(...DAYS.map((dueDate) => invoiceSent(caller.tenantId, { invoiceId: randomUUID(), total: '100.00', dueDate })));
    const view = await dashboard(
      analytics.url,
      caller,
      { from: '2026-03-01', to: '2026-03-31' },
      'outstanding { amount currency } overdue { amount currency }',
    );
    expect(view).toEqual({ outstanding: eur('500.00'), overdue: eur('400.00') });
  });
});
