import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox, startModuleEvents, subjectOf, type EventEnvelope, type ModuleEvents } from '@tessera/events';
import { createLogger } from '@tessera/service-kit';
import { asTenant, deleteNamespaceStreams, newCaller, TEST_NATS_URL, testNamespace } from '../../../packages/testkit/src/index.js';
import { payrollConsumers } from '../src/index.js';
import {
  dealWon,
  employeeHired,
  employeeTerminated,
  employeeView,
  invoicePaid,
  startPayroll,
  type PayProfileView,
  type RunningPayroll,
} from './harness.js';

/**
 * Payroll's consumers wired the way main.ts wires them, on the real JetStream: messages published
 * on other modules' subjects reach the handlers, in any order, once each; payroll's own events leave
 * through its relay. (The cross-module flows through the router are the end-to-end tests' job.)
 */
const namespace = testNamespace('payroll');
let payroll: RunningPayroll;
let events: ModuleEvents;

beforeAll(async () => {
  payroll = await startPayroll();
  events = await startModuleEvents({
    module: 'payroll',
    db: payroll.db,
    url: TEST_NATS_URL,
    namespace,
    logger: createLogger('payroll-events-test', 'silent'),
    consumers: payrollConsumers({ outbox: new Outbox('payroll', namespace) }),
    consumerOptions: { backoffMs: [200] },
  });
});
afterAll(async () => {
  await events?.stop();
  await payroll?.stop();
  await deleteNamespaceStreams(namespace);
});

async function publish(envelope: EventEnvelope, msgID = envelope.id): Promise<void> {
  await events.bus.js.publish(subjectOf(envelope.type, envelope.tenantId, namespace), JSON.stringify(envelope), { msgID });
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('payroll consumers on JetStream', () => {
  it('invoice paid, then employee terminated, hired and the deal won (twice): one PAYABLE commission, a terminated profile, events relayed', async () => {
    const caller = newCaller();
    const t = caller.tenantId;
    const ownerId = randomUUID();
    const dealId = randomUUID();
    const won = dealWon(t, { dealId, ownerId, amount: '2500' });

    await publish(invoicePaid(t, { dealId }));
    // HR terminated the employee after hiring them, but the terminated event arrives first: it creates
    // the profile TERMINATED at once, and the older hired event (revision 1) changes nothing.
    await publish(employeeTerminated(t, ownerId, '2026-12-31', { name: 'Jet Stream', revision: 2 }));
    await publish(employeeHired(t, ownerId, { name: 'Jet Stream' }));
    await publish(won);
    await publish(won, `${won.id}-again`); // a second copy the stream does not deduplicate: the inbox does

    const view = await eventually(
      () =>
        employeeView<{ payProfile: Partial<PayProfileView> | null; commissions: { status: string; amount: { amount: string } }[] }>(
          payroll.url,
          caller,
          ownerId,
          'payProfile { name status terminatedOn } commissions { status amount { amount } }',
        ),
      (v) => v.payProfile?.status === 'TERMINATED' && v.commissions.length > 0 && v.commissions[0]!.status === 'PAYABLE',
    );
    expect(view).toEqual({
      payProfile: { name: 'Jet Stream', status: 'TERMINATED', terminatedOn: '2026-12-31' },
      commissions: [{ status: 'PAYABLE', amount: { amount: '250.00' } }],
    });
    const accrual = events.consumers.find((consumer) => consumer.name === 'payroll-commission-accrual')!;
    await eventually(
      async () => accrual.duplicates,
      (n) => n >= 1,
    );
    expect(accrual.duplicates).toBe(1);

    // payroll's own events were published by its relay
    const unpublished = await eventually(
      () => asTenant(payroll.db, t, (tx) => tx.outboxEvent.count({ where: { tenantId: t, publishedAt: null } })),
      (n) => n === 0,
    );
    expect(unpublished).toBe(0);
    const recorded = await asTenant(payroll.db, t, (tx) => tx.outboxEvent.findMany({ where: { tenantId: t }, orderBy: { seq: 'asc' } }));
    expect(recorded.map((row) => row.type)).toEqual(['payroll.commission.accrued', 'payroll.commission.payable']);
    // (hired needs no other event first, so it may be handled last: wait for it)
    const inbox = await eventually(
      () => asTenant(payroll.db, t, (tx) => tx.inboxEvent.findMany({ where: { tenantId: t }, orderBy: { consumer: 'asc' } })),
      (rows) => rows.length >= 4,
    );
    expect(inbox.map((row) => row.consumer)).toEqual([
      'payroll-commission-accrual',
      'payroll-commission-payable',
      'payroll-employee-hired',
      'payroll-employee-terminated',
    ]);
  });
});
