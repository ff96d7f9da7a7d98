import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '@tessera/service-kit';
import { asTenant, callSubgraph, newCaller, query } from '../../../packages/testkit/src/index.js';
import {
  ACTIVITY_ITEM_FIELDS,
  activityPage,
  commission,
  contactCreated,
  copyOf,
  dealCreated,
  dealStageChanged,
  dealWon,
  employeeHired,
  invoiceSent,
  paymentRecorded,
  startAnalytics,
  type RunningAnalytics,
  type Selected,
} from './harness.js';

let analytics: RunningAnalytics;
beforeAll(async () => {
  analytics = await startAnalytics();
});
afterAll(async () => {
  await analytics.stop();
});

const item = (caller: ReturnType<typeof newCaller>, id: string) =>
  query<{ activityItem: Selected | null }>(analytics.url, caller, `query($id: ID!) { activityItem(id: $id) { ${ACTIVITY_ITEM_FIELDS} } }`, {
    id,
  });

/** Rows of activity_items a transaction bound to `tenantId` sees, with no filter of its own: only the policy decides. */
const visibleRows = (tenantId: string) =>
  asTenant(analytics.db, tenantId, (tx) => tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM activity_items`).then(
    (rows) => rows[0]!.n,
  );

describe('the activity feed', () => {
  it('has an item for each event analytics applies, newest first, in words, with module, subject and amount', async () => {
    const a = newCaller({ currency: 'EUR' });
    const [dealId, invoiceId, contactId, employeeId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const events = [
      contactCreated(a.tenantId, { contactId, name: 'Ada Lovelace', at: '2026-03-01T09:00:00Z' }),
      dealCreated(a.tenantId, { dealId, amount: '12000.00', at: '2026-03-01T10:00:00Z' }),
      dealStageChanged(a.tenantId, { dealId, from: 'LEAD', to: 'PROPOSAL', amount: '12000.00', at: '2026-03-02T10:00:00Z' }),
      dealWon(a.tenantId, { dealId, amount: '12000.00', closedAt: '2026-03-04T10:00:00Z' }),
      invoiceSent(a.tenantId, { invoiceId, total: '12000.00', issuedAt: '2026-03-05T10:00:00Z' }),
      paymentRecorded(a.tenantId, { invoiceId, total: '12000.00', paid: '2500.00', payment: '2500.00', paidAt: '2026-03-10T10:00:00Z' }),
      commission(a.tenantId, 'ACCRUED', { commissionId: randomUUID(), amount: '600.00', at: '2026-03-04T11:00:00Z' }),
      employeeHired(a.tenantId, { employeeId, name: 'Grace Hopper', jobTitle: 'Engineer', at: '2026-03-03T08:00:00Z' }),
    ];
    // delivered in another order than they happened: the feed is ordered by when they happened
    await analytics.deliver(...[...events].reverse());

    const feed = await activityPage(analytics.url, a);
    expect(feed.totalCount).toBe(8);
    expect(feed.edges.map((edge: any) => edge.node.summary)).toEqual([
      'Payment received for invoice INV-2026-0001 · 2,500.00 EUR',
      'Invoice INV-2026-0001 sent · 12,000.00 EUR',
      'Commission accrued · 600.00 EUR',
      'Deal “Website redesign” won · 12,000.00 EUR',
      'Employee “Grace Hopper” hired as Engineer, starting 2026-03-01',
      'Deal “Website redesign” moved from Lead to Proposal · 12,000.00 EUR',
      'Deal “Website redesign” created in Lead · 12,000.00 EUR',
      'Contact “Ada Lovelace” created',
    ]);
    const won = events[3]!;
    expect(feed.edges[3].node).toEqual({
      id: won.id,
      type: 'crm.deal.won',
      module: 'CRM',
      occurredAt: '2026-03-04T10:00:00.000Z',
      summary: 'Deal “Website redesign” won · 12,000.00 EUR',
      subjectId: dealId,
      amount: { amount: '12000.00', currency: 'EUR' },
    });
    expect(feed.edges[4].node).toMatchObject({ type: 'hr.employee.hired', module: 'HR', subjectId: employeeId, amount: null });
    expect(feed.edges[7].node).toMatchObject({ type: 'crm.contact.created', module: 'CRM', subjectId: contactId, amount: null });
    expect(feed.edges[2].node.module).toBe('PAYROLL');

    // one item by id: the same as in the feed
    expect((await item(a, won.id)).activityItem).toEqual(feed.edges[3].node);
    expect((await item(a, randomUUID())).activityItem).toBeNull();
    expect((await item(a, 'not-an-id')).activityItem).toBeNull();
  });

  it('has one item per event, however often the event is delivered', async () => {
    const a = newCaller();
    const won = dealWon(a.tenantId, { dealId: randomUUID(), closedAt: '2026-03-04T10:00:00Z' });
    const hired = employeeHired(a.tenantId, { name: 'Twice Hired' });
    await analytics.deliver(won, won, hired, hired, won);
    const feed = await activityPage(analytics.url, a);
    expect(feed.totalCount).toBe(2);
    expect(feed.edges.map((edge: any) => edge.node.id).sort()).toEqual([won.id, hired.id].sort());
    // a copy under a new event id is another event: another item
    await analytics.deliver(copyOf(won));
    expect((await activityPage(analytics.url, a)).totalCount).toBe(3);
  });
});

describe('paging through the feed', () => {
  it('returns every item once, newest first, page after page; same instants are ordered by id', async () => {
    const a = newCaller();
    const events = Array.from({ length: 23 }, (_, i) =>
      contactCreated(a.tenantId, { name: `Contact ${i}`, at: new Date(Date.UTC(2026, 2, 1, 0, Math.floor(i / 3))).toISOString() }),
    );
    await analytics.deliver(...events);
    const expected = [...events]
      .sort((x, y) => y.occurredAt.localeCompare(x.occurredAt) || (y.id < x.id ? -1 : y.id > x.id ? 1 : 0))
      .map((event) => event.id);

    const seen: string[] = [];
    let after: string | null = null;
    const pages: any[] = [];
    for (;;) {
      const page: any = await activityPage(analytics.url, a, { first: 10, after });
      pages.push(page);
      seen.push(...page.edges.map((edge: any) => edge.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
    expect(pages.map((page) => page.edges.length)).toEqual([10, 10, 3]);
    expect(pages.map((page) => page.totalCount)).toEqual([23, 23, 23]);
    expect(pages.map((page) => page.pageInfo.hasPreviousPage)).toEqual([false, true, true]);
    expect(pages[0].pageInfo.startCursor).toBe(pages[0].edges[0].cursor);

    // the default page size is 20; 0 items is a page too
    const byDefault = (await query<{ activity: Selected }>(analytics.url, a, '{ activity { totalCount edges { node { id } } } }')).activity;
    expect(byDefault.edges).toHaveLength(20);
    const none = await activityPage(analytics.url, a, { first: 0 });
    expect(none).toMatchObject({ totalCount: 23, edges: [], pageInfo: { hasNextPage: true, endCursor: null } });
  });

  it('refuses a page size over 100, a cursor that is not one, and a cursor of no item of the tenant, with BAD_USER_INPUT', async () => {
    const a = newCaller();
    await analytics.deliver(contactCreated(a.tenantId, { name: 'Only one' }));
    const query = 'query($first: Int, $after: String) { activity(first: $first, after: $after) { totalCount } }';
    for (const variables of [{ first: 101 }, { first: -1 }, { after: 'garbage' }, { after: encodeCursor(randomUUID()) }]) {
      const response = await callSubgraph(analytics.url, a, query, variables);
      expect(response.data ?? null, JSON.stringify(variables)).toBeNull();
      expect(response.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
    }
  });
});

describe('tenant isolation', () => {
  it("tenant B never sees tenant A's items: not in its feed, not by id, not through a cursor", async () => {
    const a = newCaller();
    const b = newCaller();
    const wonA = dealWon(a.tenantId, { dealId: randomUUID(), closedAt: '2026-03-04T10:00:00Z' });
    await analytics.deliver(wonA, contactCreated(a.tenantId, { name: 'Secret Contact' }));
    const feedA = await activityPage(analytics.url, a);
    expect(feedA.totalCount).toBe(2);

    expect(await activityPage(analytics.url, b)).toMatchObject({ totalCount: 0, edges: [] });
    expect((await item(b, wonA.id)).activityItem).toBeNull();
    const throughCursor = await callSubgraph(analytics.url, b, 'query($after: String) { activity(after: $after) { totalCount } }', {
      after: feedA.edges[0].cursor,
    });
    expect(throughCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    // B's item of the same event id (another tenant's copy) stays B's, and A's stays A's
    await analytics.deliver({ ...wonA, tenantId: b.tenantId });
    expect((await item(b, wonA.id)).activityItem?.summary).toBe('Deal “Website redesign” won · 1,000.00 EUR');
    expect((await activityPage(analytics.url, b)).totalCount).toBe(1);
    expect((await activityPage(analytics.url, a)).totalCount).toBe(2);
  });

  it("the app role bound to tenant B reads none of A's rows and cannot write rows for A (row-level security)", async () => {
    const a = newCaller();
    const b = newCaller();
    await analytics.deliver(contactCreated(a.tenantId, { name: 'Ada' }), employeeHired(a.tenantId, { name: 'Grace' }));
    expect(await visibleRows(a.tenantId)).toBe(2);
    expect(await visibleRows(b.tenantId)).toBe(0);
    await expect(
      asTenant(
        analytics.db,
        b.tenantId,
        (tx) =>
          tx.$executeRaw`INSERT INTO activity_items (tenant_id, id, type, module, occurred_at, subject_id, summary)
          VALUES (${a.tenantId}::uuid, ${randomUUID()}::uuid, 'crm.contact.created', 'crm', now(), 'x', 'Planted')`,
      ),
    ).rejects.toThrow(/row-level security/);
    // and cannot change or remove A's (items are never updated; B's delete sees no row of A)
    const deleted = await asTenant(analytics.db, b.tenantId, (tx) => tx.$executeRaw`DELETE FROM activity_items`);
    expect(deleted).toBe(0);
    expect(await visibleRows(a.tenantId)).toBe(2);
  });
});

describe('the subscription', () => {
  it('is not served by the analytics subgraph itself: the router does', async () => {
    const response = await callSubgraph(analytics.url, newCaller(), 'subscription { activityRecorded { id } }');
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0]?.message).toMatch(/activityRecorded is served by the router/);
  });
});
