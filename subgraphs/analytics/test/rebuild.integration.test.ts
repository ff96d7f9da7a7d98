import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectEventBus,
  Outbox,
  startModuleEvents,
  subjectOf,
  type EventBus,
  type EventEnvelope,
  type ModuleEvents,
} from '@tessera/events';
import {
  applyMigrations,
  dropDatabase,
  ensureModuleDatabase,
  inTenantTransaction,
  moduleDatabaseName,
  withAdminClient,
} from '@tessera/prisma';
import { createLogger } from '@tessera/service-kit';
import { deleteNamespaceStreams, newCaller, TEST_NATS_URL, testNamespace } from '../../../packages/testkit/src/index.js';
import { analyticsConsumers, READ_MODEL_LOCK, rebuildReadModels, RebuildInProgressError } from '../src/index.js';
import {
  activityPage,
  commission,
  contactCreated,
  copyOf,
  creditNoteIssued,
  dashboard,
  DASHBOARD_FIELDS,
  dealCreated,
  dealLost,
  dealStageChanged,
  dealWon,
  employeeHired,
  invoicePaid,
  invoiceSent,
  invoiceVoided,
  payRunPaid,
  paymentRecorded,
  startAnalytics,
  type RunningAnalytics,
} from './harness.js';

/**
 * The live consumers on the real JetStream (a throwaway namespace), then the rebuild from the same
 * streams: the same numbers. A rebuild of every tenant wipes every tenant, so this file runs on an
 * analytics database of its own (its own DATABASE_PREFIX), never touching other tests' tenants.
 */
process.env.DATABASE_PREFIX = `tessera_test_rb${randomBytes(4).toString('hex')}`;
const namespace = testNamespace('analytics');
const logger = createLogger('analytics-rebuild-test', 'silent');
let analytics: RunningAnalytics;
let events: ModuleEvents;
let bus: EventBus;

beforeAll(async () => {
  await ensureModuleDatabase('analytics');
  await applyMigrations('analytics');
  analytics = await startAnalytics({ now: () => new Date('2026-03-20T12:00:00Z') });
  events = await startModuleEvents({
    module: 'analytics',
    db: analytics.db,
    url: TEST_NATS_URL,
    namespace,
    logger,
    consumers: analyticsConsumers({ outbox: new Outbox('analytics', namespace) }),
    consumerOptions: { backoffMs: [200] },
  });
  bus = await connectEventBus({ url: TEST_NATS_URL, namespace, name: 'analytics-rebuild-test', logger });
});
afterAll(async () => {
  await bus?.close();
  await events?.stop();
  await analytics?.stop();
  await deleteNamespaceStreams(namespace);
  await dropDatabase(moduleDatabaseName('analytics'));
});

const MARCH = { from: '2026-03-01', to: '2026-03-31' };
/** Messages the streams kept (a publication with an id seen within the duplicate window is dropped). */
let stored = 0;

async function publish(envelope: EventEnvelope, msgID = envelope.id): Promise<void> {
  const ack = await events.bus.js.publish(subjectOf(envelope.type, envelope.tenantId, namespace), JSON.stringify(envelope), { msgID });
  if (!ack.duplicate) stored += 1;
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until the live consumers have handled every stored message (applied, or skipped by the inbox). */
async function liveCaughtUp(): Promise<void> {
  const handled = () => events.consumers.reduce((sum, consumer) => sum + consumer.applied + consumer.duplicates + consumer.deadLettered, 0);
  expect(
    await eventually(
      async () => handled(),
      (n) => n >= stored,
    ),
  ).toBe(stored);
  expect(events.consumers.reduce((sum, consumer) => sum + consumer.deadLettered, 0)).toBe(0);
}

/** A month of a tenant's business, published in a scrambled order with copies, as the live bus may deliver it. */
async function publishMonth(t: string, scale: string): Promise<void> {
  const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
  const [d1, d2, d3] = [randomUUID(), randomUUID(), randomUUID()];
  const [k1, k2] = [randomUUID(), randomUUID()];
  const payment = paymentRecorded(t, { invoiceId: a, paid: `${scale}00.00`, payment: `${scale}00.00`, paidAt: '2026-03-10T10:00:00Z' });
  const won = dealWon(t, { dealId: d1, amount: `${scale}000.00`, closedAt: '2026-03-04T10:00:00Z' });
  for (const event of [
    invoicePaid(t, { invoiceId: c, total: '90.00', paidAt: '2026-03-09T10:00:00Z' }),
    payment,
    invoiceSent(t, { invoiceId: a }),
    won,
    dealStageChanged(t, { dealId: d1, from: 'LEAD', to: 'PROPOSAL', amount: `${scale}000.00`, at: '2026-03-02T10:00:00Z' }),
    dealCreated(t, { dealId: d1, amount: `${scale}000.00`, at: '2026-03-01T10:00:00Z' }),
    dealCreated(t, { dealId: d2, stage: 'QUALIFIED', amount: `${scale}500.00`, at: '2026-03-01T10:00:00Z' }),
    dealLost(t, { dealId: d3, closedAt: '2026-03-06T10:00:00Z' }),
    dealCreated(t, { dealId: d3, at: '2026-03-01T10:00:00Z' }),
    creditNoteIssued(t, { invoiceId: b, total: '40.00' }),
    invoiceSent(t, { invoiceId: b, total: '640.00', dueDate: '2026-03-05' }),
    invoiceSent(t, { invoiceId: c, total: '90.00' }),
    invoiceVoided(t, { invoiceId: randomUUID(), total: '55.00' }),
    commission(t, 'PAYABLE', { commissionId: k1, amount: `${scale}0.00`, at: '2026-03-12T10:00:00Z' }),
    commission(t, 'ACCRUED', { commissionId: k1, amount: `${scale}0.00`, at: '2026-03-04T10:00:00Z' }),
    commission(t, 'PAID', { commissionId: k2, at: '2026-03-25T10:00:00Z' }),
    commission(t, 'ACCRUED', { commissionId: k2, at: '2026-03-04T10:00:00Z' }),
    payRunPaid(t, { gross: `${scale}000.00`, paidAt: '2026-03-31T10:00:00Z' }),
    // read for the activity feed alone
    contactCreated(t, { name: `Contact ${scale}`, at: '2026-03-01T09:00:00Z' }),
    employeeHired(t, { name: `Employee ${scale}`, at: '2026-03-02T09:00:00Z' }),
  ])
    await publish(event);
  await publish(payment); // the same message again: the stream drops it (same Nats-Msg-Id)
  await publish(won, `${won.id}-again`); // a second copy of the same event: the inbox skips it
  await publish(copyOf(payment)); // the same fact under a new event id: the projections keep it once
}

/** Damages a tenant's read models the way a bug or a lost event would. */
async function tamper(tenantId: string): Promise<void> {
  await inTenantTransaction(analytics.db, tenantId, async (tx) => {
    await tx.pipelineDeal.deleteMany({ where: { tenantId } });
    await tx.dailyMetric.updateMany({ where: { tenantId }, data: { value: 1 } });
    await tx.commissionBalance.updateMany({ where: { tenantId }, data: { status: 'PAID', statusRank: 3 } });
    await tx.activityItem.deleteMany({ where: { tenantId, type: { in: ['crm.deal.won', 'hr.employee.hired'] } } });
  });
}

/** The tenant's whole activity feed, newest first. */
const feed = (caller: ReturnType<typeof newCaller>) => activityPage(analytics.url, caller, { first: 100 });

describe('the rebuild', () => {
  it('gives the numbers of the live projection, for one tenant and for all, and live consumers go on after it', async () => {
    const a = newCaller({ currency: 'EUR' });
    const b = newCaller({ currency: 'EUR' });
    await publishMonth(a.tenantId, '3');
    await publishMonth(b.tenantId, '7');
    await liveCaughtUp();
    const liveA = await dashboard(analytics.url, a, MARCH, DASHBOARD_FIELDS);
    const liveB = await dashboard(analytics.url, b, MARCH, DASHBOARD_FIELDS);
    expect(liveA).toMatchObject({
      revenue: { amount: '300.00' },
      outstanding: { amount: '1300.00' },
      overdue: { amount: '600.00' },
      pipeline: { amount: '3500.00' },
      dealsWon: 1,
      dealsWonValue: { amount: '3000.00' },
      commissionsOwed: { amount: '30.00' },
      payrollCost: { amount: '3000.00' },
    });
    expect(liveB).toMatchObject({ revenue: { amount: '700.00' }, pipeline: { amount: '7500.00' } });
    const feedA = await feed(a);
    const feedB = await feed(b);
    // 20 events, one item each; the copy of `payment` is another event (another item); the second `won` is not
    expect(feedA.totalCount).toBe(21);
    expect(feedA.edges.map((edge: any) => edge.node.type)).toEqual(expect.arrayContaining(['crm.contact.created', 'hr.employee.hired']));

    // one tenant: its damaged read models come back exactly; the other tenant is not touched
    await tamper(a.tenantId);
    await tamper(b.tenantId);
    const damagedB = await dashboard(analytics.url, b, MARCH, DASHBOARD_FIELDS);
    expect(await dashboard(analytics.url, a, MARCH, DASHBOARD_FIELDS)).not.toEqual(liveA);
    const report = await rebuildReadModels({ db: analytics.db, bus, logger, tenantId: a.tenantId, batchSize: 7 });
    expect(report).toMatchObject({ tenantsWiped: 1, tenantsReplayed: 1, invalid: 0, ignored: 0 });
    expect(report.applied).toBe(22); // 20 events + the inbox-skipped copy of `won` + the copy of `payment`
    expect(await dashboard(analytics.url, a, MARCH, DASHBOARD_FIELDS)).toEqual(liveA);
    expect(await feed(a)).toEqual(feedA);
    expect(await dashboard(analytics.url, b, MARCH, DASHBOARD_FIELDS)).toEqual(damagedB);
    expect((await feed(b)).totalCount).toBe(19);

    // every tenant: the streams' tenants come back, a tenant the streams never saw is wiped
    const c = newCaller({ currency: 'EUR' });
    await analytics.deliver(payRunPaid(c.tenantId, { gross: '123.00', paidAt: '2026-03-15T10:00:00Z' }));
    await tamper(a.tenantId);
    const all = await rebuildReadModels({ db: analytics.db, bus, logger });
    expect(all).toMatchObject({ tenantsWiped: 3, tenantsReplayed: 2, applied: 44, invalid: 0 });
    expect(await dashboard(analytics.url, a, MARCH, DASHBOARD_FIELDS)).toEqual(liveA);
    expect(await dashboard(analytics.url, b, MARCH, DASHBOARD_FIELDS)).toEqual(liveB);
    expect(await feed(a)).toEqual(feedA);
    expect(await feed(b)).toEqual(feedB);
    expect((await feed(c)).totalCount).toBe(0);
    expect((await dashboard(analytics.url, c, MARCH, 'payrollCost { amount }')).payrollCost).toEqual({ amount: '0.00' });

    // the live consumers go on: a new payment for A lands on top of the rebuilt figures
    const invoiceId = randomUUID();
    await publish(invoiceSent(a.tenantId, { invoiceId, total: '50.00' }));
    await publish(
      paymentRecorded(a.tenantId, { invoiceId, total: '50.00', paid: '50.00', payment: '50.00', paidAt: '2026-03-21T10:00:00Z' }),
    );
    await liveCaughtUp();
    expect((await dashboard(analytics.url, a, MARCH, 'revenue { amount }')).revenue).toEqual({ amount: '350.00' });
  });

  it('holds the read-model lock: live handlers refuse to write meanwhile, and a second rebuild refuses to start', async () => {
    const caller = newCaller({ currency: 'EUR' });
    await withAdminClient(async (admin) => {
      await admin.query('SELECT pg_advisory_lock(hashtext($1))', [READ_MODEL_LOCK]);
      try {
        await expect(analytics.deliver(payRunPaid(caller.tenantId, { gross: '10.00', paidAt: '2026-03-15T10:00:00Z' }))).rejects.toThrow(
          RebuildInProgressError,
        );
        await expect(rebuildReadModels({ db: analytics.db, bus, logger, tenantId: caller.tenantId, lockTimeoutMs: 200 })).rejects.toThrow(
          /another rebuild is running/,
        );
      } finally {
        await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [READ_MODEL_LOCK]);
      }
    }, moduleDatabaseName('analytics'));
    // nothing was written; once the lock is free the same event applies
    expect((await dashboard(analytics.url, caller, MARCH, 'payrollCost { amount }')).payrollCost).toEqual({ amount: '0.00' });
    await analytics.deliver(payRunPaid(caller.tenantId, { gross: '10.00', paidAt: '2026-03-15T10:00:00Z' }));
    expect((await dashboard(analytics.url, caller, MARCH, 'payrollCost { amount }')).payrollCost).toEqual({ amount: '10.00' });
  });

  it('refuses a tenant that is not a UUID', async () => {
    await expect(rebuildReadModels({ db: analytics.db, bus, logger, tenantId: 'acme' })).rejects.toThrow(/not a tenant id/);
  });
});
