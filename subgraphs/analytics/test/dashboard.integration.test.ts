import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousCaller, asTenant, callSubgraph, countSql, newCaller, type SqlCounter } from '../../../packages/testkit/src/index.js';
import {
  commission,
  dashboard,
  DASHBOARD_FIELDS,
  dealCreated,
  dealWon,
  invoiceSent,
  payRunPaid,
  paymentRecorded,
  startAnalytics,
  type RunningAnalytics,
} from './harness.js';

let analytics: RunningAnalytics;
let sql: SqlCounter;
beforeAll(async () => {
  analytics = await startAnalytics({ logQueries: true, now: () => new Date('2026-03-20T12:00:00Z') });
  sql = countSql(analytics.db);
});
afterAll(async () => {
  await analytics.stop();
});

const QUERY = `query($range: DateRangeInput!) { dashboard(range: $range) { revenue { amount currency } dealsWon revenueSeries { date value } } }`;

describe('the range', () => {
  it('refuses a reversed range and one longer than 366 days with BAD_USER_INPUT', async () => {
    const caller = newCaller();
    for (const range of [
      { from: '2026-03-02', to: '2026-03-01' },
      { from: '2025-01-01', to: '2026-01-02' },
    ]) {
      const response = await callSubgraph(analytics.url, caller, QUERY, { range });
      expect(response.data).toBeNull();
      expect(response.errors?.[0]?.extensions?.code, JSON.stringify(range)).toBe('BAD_USER_INPUT');
    }
    const reversed = await callSubgraph(analytics.url, caller, QUERY, { range: { from: '2026-03-02', to: '2026-03-01' } });
    expect(reversed.errors?.[0]?.message).toMatch(/must not be after/);
    const long = await callSubgraph(analytics.url, caller, QUERY, { range: { from: '2025-01-01', to: '2026-01-02' } });
    expect(long.errors?.[0]?.message).toMatch(/at most 366 days \(this one covers 367\)/);
  });

  it('accepts one day and 366 days (a leap year), one series point per day', async () => {
    const caller = newCaller();
    const oneDay = await dashboard(analytics.url, caller, { from: '2026-03-01', to: '2026-03-01' }, 'revenueSeries { date value }');
    expect(oneDay.revenueSeries).toEqual([{ date: '2026-03-01', value: '0.00' }]);
    const leapYear = await dashboard(analytics.url, caller, { from: '2028-01-01', to: '2028-12-31' }, 'revenueSeries { date }');
    expect(leapYear.revenueSeries).toHaveLength(366);
    expect(leapYear.revenueSeries[59]).toEqual({ date: '2028-02-29' });
    expect(leapYear.revenueSeries[365]).toEqual({ date: '2028-12-31' });
  });

  it('refuses dates that are not calendar dates', async () => {
    const response = await callSubgraph(analytics.url, newCaller(), QUERY, { range: { from: '2026-02-30', to: '2026-03-01' } });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('callers', () => {
  it('refuses callers without a tenant, and requests without a signed context', async () => {
    const range = { from: '2026-03-01', to: '2026-03-31' };
    const anonymous = await callSubgraph(analytics.url, anonymousCaller(), QUERY, { range });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const unsigned = await callSubgraph(analytics.url, null, QUERY, { range });
    expect(unsigned.status).toBe(401);
  });

  it('does not serve the dashboardUpdated subscription itself: the router does', async () => {
    const response = await callSubgraph(analytics.url, newCaller(), 'subscription { dashboardUpdated { dealsWon } }');
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0]?.message).toMatch(/served by the router/);
  });
});

describe('tenant isolation', () => {
  it("tenant B never sees tenant A's events, even for the same invoice, deal and commission ids", async () => {
    const a = newCaller({ currency: 'EUR' });
    const b = newCaller({ currency: 'EUR' });
    const [invoiceId, dealId, commissionId] = [randomUUID(), randomUUID(), randomUUID()];
    await analytics.deliver(
      invoiceSent(a.tenantId, { invoiceId, total: '1000.00' }),
      paymentRecorded(a.tenantId, { invoiceId, paid: '250.00', payment: '250.00', paidAt: '2026-03-10T10:00:00Z' }),
      dealCreated(a.tenantId, { dealId: randomUUID(), amount: '3000.00', at: '2026-03-01T10:00:00Z' }),
      dealWon(a.tenantId, { dealId, closedAt: '2026-03-11T10:00:00Z' }),
      commission(a.tenantId, 'ACCRUED', { commissionId, at: '2026-03-11T10:00:00Z' }),
      payRunPaid(a.tenantId, { gross: '7000.00', paidAt: '2026-03-31T10:00:00Z' }),
    );
    const range = { from: '2026-03-01', to: '2026-03-31' };
    const empty = await dashboard(analytics.url, b, range);
    expect(empty).toMatchObject({
      revenue: { amount: '0.00' },
      revenueByCurrency: [],
      invoiced: { amount: '0.00' },
      outstanding: { amount: '0.00' },
      pipeline: { amount: '0.00' },
      pipelineByStage: [],
      dealsWon: 0,
      commissionsOwed: { amount: '0.00' },
      payrollCost: { amount: '0.00' },
    });

    // B's own events on the same ids stay B's, and leave A's figures alone
    const before = await dashboard(analytics.url, a, range);
    await analytics.deliver(
      invoiceSent(b.tenantId, { invoiceId, total: '80.00' }),
      dealWon(b.tenantId, { dealId, amount: '10.00', closedAt: '2026-03-12T10:00:00Z' }),
      commission(b.tenantId, 'PAID', { commissionId, at: '2026-03-12T10:00:00Z' }),
    );
    expect(await dashboard(analytics.url, a, range)).toEqual(before);
    expect(await dashboard(analytics.url, b, range, 'outstanding { amount } dealsWonValue { amount } commissionsOwed { amount }')).toEqual({
      outstanding: { amount: '80.00' },
      dealsWonValue: { amount: '10.00' },
      commissionsOwed: { amount: '0.00' },
    });
    expect(before).toMatchObject({
      outstanding: { amount: '750.00' },
      dealsWonValue: { amount: '1000.00' },
      commissionsOwed: { amount: '100.00' },
    });
  });
});

describe('row-level security', () => {
  it("a transaction bound to tenant B reads none of A's rows and cannot write rows for A", async () => {
    const a = newCaller();
    const b = newCaller();
    await analytics.deliver(
      invoiceSent(a.tenantId, { invoiceId: randomUUID() }),
      dealCreated(a.tenantId, { dealId: randomUUID(), at: '2026-03-01T10:00:00Z' }),
      commission(a.tenantId, 'ACCRUED', { commissionId: randomUUID(), at: '2026-03-01T10:00:00Z' }),
    );
    // no tenant filter at all: only the policies stand between B and A's rows
    const counts = (tenantId: string) =>
      asTenant(
        analytics.db,
        tenantId,
        (tx) =>
          tx.$queryRaw<{ n: number }[]>`SELECT ((SELECT count(*) FROM metric_facts) + (SELECT count(*) FROM daily_metrics)
          + (SELECT count(*) FROM invoice_receivables) + (SELECT count(*) FROM pipeline_deals) + (SELECT count(*) FROM commission_balances))::int AS n`,
      );
    expect((await counts(a.tenantId))[0]!.n).toBe(5);
    expect((await counts(b.tenantId))[0]!.n).toBe(0);
    await expect(
      asTenant(
        analytics.db,
        b.tenantId,
        (tx) =>
          tx.$executeRaw`INSERT INTO pipeline_deals (tenant_id, deal_id, stage, amount, currency, closed, version_at, version_rank, version_event_id)
          VALUES (${a.tenantId}::uuid, ${randomUUID()}::uuid, 'LEAD', 1, 'EUR', false, now(), 0, ${randomUUID()}::uuid)`,
      ),
    ).rejects.toThrow(/row-level security/);
  });
});

describe('cost', () => {
  it('runs only the queries the selected fields need: at most five for the whole dashboard', async () => {
    const caller = newCaller({ currency: 'EUR' });
    const range = { from: '2026-01-01', to: '2026-12-31' };
    sql.reset();
    await dashboard(analytics.url, caller, range, 'dealsWon dealsWonValue { amount } revenue { amount } payrollCostByCurrency { amount }');
    expect(sql.data).toBe(1);
    sql.reset();
    await dashboard(analytics.url, caller, range, 'outstanding { amount } overdue { amount } outstandingByCurrency { amount }');
    expect(sql.data).toBe(1);
    sql.reset();
    await dashboard(analytics.url, caller, range, DASHBOARD_FIELDS);
    expect(sql.data).toBe(5);
  });
});
