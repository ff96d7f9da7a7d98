/**
 * The activity feed through the router: `activity` and `activityItem` (analytics' read model, built
 * from the modules' events) and the live `activityRecorded` subscription, tenant-bound and entitled
 * like every analytics field.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnvelope, subjectOf } from '@tessera/events';
import { contract } from './contract-operations.js';
import { subscribe } from './live.js';
import { gql, ok, startPlatform, type Platform } from './platform.js';

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform.stop());

interface Tenant {
  token: string;
  tenantId: string;
}

async function signUp(plan: 'FREE' | 'BUSINESS' = 'BUSINESS'): Promise<Tenant> {
  const data = ok(
    await gql(platform.url, contract.SignUp, {
      input: {
        companyName: `Activity ${plan}`,
        name: 'Ari Activity',
        email: `activity-${randomUUID()}@example.com`,
        password: 'a long enough password',
        plan,
        defaultCurrency: 'EUR',
      },
    }),
  );
  return { token: data.signUp.token!, tenantId: data.signUp.tenant!.id };
}

const call = (tenant: Tenant, query: string, variables: Record<string, unknown> = {}) =>
  gql(platform.url, query, variables, tenant.token).then(ok<any>);

const ACTIVITY_RECORDED = 'subscription { activityRecorded { id type module summary subjectId amount { amount currency } } }';
const FEED = 'query($first: Int) { activity(first: $first) { totalCount edges { node { id type summary } } } }';

/** Gives a fresh subscription time to get its shared consumer before events are produced. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

async function contactFor(tenant: Tenant, name: string): Promise<string> {
  const { createContact } = await call(tenant, contract.CreateContact, { input: { name } });
  return createContact.contact.id;
}

describe('activityRecorded', () => {
  it("pushes the tenant's new items (a contact, a deal, the deal won) to its subscribers, and nothing to another tenant's", async () => {
    const a = await signUp();
    const b = await signUp();
    const liveA = subscribe(platform.url, a.token, ACTIVITY_RECORDED);
    const liveB = subscribe(platform.url, b.token, ACTIVITY_RECORDED);
    await settle();

    const contactId = await contactFor(a, 'Ada Activity');
    const { createDeal } = await call(a, contract.CreateDeal, {
      input: { title: 'Website redesign', contactId, amount: { amount: '12000', currency: 'EUR' } },
    });
    const dealId = createDeal.deal.id as string;
    await call(a, contract.MarkDealWon, { input: { dealId } });

    // Three items, one per event; analytics applies each event type in its own consumer, so they may arrive in any order.
    await liveA.waitFor(3, 30_000);
    const items = liveA.payloads.map((payload) => {
      expect(payload.errors).toBeUndefined();
      return payload.data!.activityRecorded;
    });
    expect(items.map((item) => item.type).sort()).toEqual(['crm.contact.created', 'crm.deal.created', 'crm.deal.won']);
    expect(items.find((item) => item.type === 'crm.contact.created')).toMatchObject({
      module: 'CRM',
      subjectId: contactId,
      summary: 'Contact “Ada Activity” created',
      amount: null,
    });
    expect(items.find((item) => item.type === 'crm.deal.created')).toMatchObject({
      subjectId: dealId,
      summary: 'Deal “Website redesign” created in Lead · 12,000.00 EUR',
    });
    expect(items.find((item) => item.type === 'crm.deal.won')).toMatchObject({
      module: 'CRM',
      subjectId: dealId,
      summary: 'Deal “Website redesign” won · 12,000.00 EUR',
      amount: { amount: '12000.00', currency: 'EUR' },
    });

    // The feed has the same items; B's has none of them.
    const feedA = (await call(a, FEED, { first: 10 })).activity;
    expect(feedA.totalCount).toBe(3);
    expect(feedA.edges.map((edge: any) => edge.node.id).sort()).toEqual(items.map((item) => item.id).sort());
    for (const item of items)
      expect((await call(b, 'query($id: ID!) { activityItem(id: $id) { id } }', { id: item.id })).activityItem).toBeNull();

    // B's own activity reaches B, and is the first thing B's subscription receives: none of A's came before it.
    const contactOfB = await contactFor(b, 'Bea Other');
    await liveB.waitFor(1, 30_000);
    expect(liveB.payloads[0]?.data?.activityRecorded).toMatchObject({ type: 'crm.contact.created', subjectId: contactOfB });
    expect((await call(b, FEED)).activity).toMatchObject({ totalCount: 1, edges: [{ node: { summary: 'Contact “Bea Other” created' } }] });
    await Promise.all([liveA.dispose(), liveB.dispose()]);
  });

  it('skips an analytics event that has no item, and goes on with the next', async () => {
    const a = await signUp();
    const live = subscribe(platform.url, a.token, ACTIVITY_RECORDED);
    await settle();
    // An analytics.dashboard.updated whose cause made no item (as a type without activity would).
    const orphan = createEnvelope('analytics', {
      type: 'analytics.dashboard.updated',
      tenantId: a.tenantId,
      subjectId: a.tenantId,
      data: { cause: 'crm.contact.deleted', causeId: randomUUID() },
    });
    await platform.events.analytics.bus.js.publish(subjectOf(orphan.type, orphan.tenantId, platform.namespace), JSON.stringify(orphan), {
      msgID: orphan.id,
    });
    const contactId = await contactFor(a, 'After The Orphan');
    await live.waitFor(1, 30_000);
    expect(live.payloads[0]).toEqual({
      data: { activityRecorded: expect.objectContaining({ type: 'crm.contact.created', subjectId: contactId }) },
      extensions: { cursor: expect.any(String) },
    });
    await live.dispose();
  });

  it("is refused to a tenant whose plan does not include analytics, like the feed's queries", async () => {
    const free = await signUp('FREE');
    const live = subscribe(platform.url, free.token, ACTIVITY_RECORDED);
    const errors = await new Promise<any[]>((resolve) => {
      live.client.subscribe(
        { query: ACTIVITY_RECORDED },
        { next: () => undefined, error: (e) => resolve(e as any[]), complete: () => resolve([]) },
      );
    });
    expect(errors[0]?.extensions).toMatchObject({ code: 'MODULE_NOT_ENABLED', module: 'ANALYTICS' });
    const feed = await gql(platform.url, FEED, {}, free.token);
    expect(feed.errors?.[0]?.extensions).toMatchObject({ code: 'MODULE_NOT_ENABLED', module: 'ANALYTICS' });
    await live.dispose();
  });
});
