/**
 * The event backbone against the real PostgreSQL and NATS JetStream: outbox -> relay -> stream ->
 * durable consumer -> inbox, and what happens when things go wrong. It runs on CRM's test database
 * (every module's event tables have the same shape); the handler's effect is a real row (a company
 * named after the event), so "one effect" is counted in the database, not in memory.
 * Each test has its own bus namespace and tenant, so tests run side by side.
 */
import { randomUUID } from 'node:crypto';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createLogger } from '@tessera/service-kit';
import { inTenantTransaction } from '@tessera/prisma';
import {
  connectEventBus,
  createEnvelope,
  defineConsumer,
  listDeadLetters,
  Outbox,
  replayDeadLetter,
  startConsumer,
  startOutboxRelay,
  streamNameOf,
  subjectOf,
  type ConsumerDefinition,
  type EventBus,
  type RunningConsumer,
} from '../src/index.js';
import { deleteNamespaceStreams, findNatsServer, PrivateNatsServer, TEST_NATS_URL, testNamespace } from '../../testkit/src/index.js';
import { createCrmDb, type CrmDb } from '../../../subgraphs/crm/src/index.js';

type Tx = Parameters<Parameters<CrmDb['$transaction']>[0]>[0];
const logger = createLogger('events-test', process.env.E2E_LOG_LEVEL ?? 'silent');
const db = createCrmDb();
const namespaces: string[] = [];

afterAll(async () => {
  await Promise.all(namespaces.map((ns) => deleteNamespaceStreams(ns)));
  await db.$disconnect();
});

function namespace(): string {
  const ns = testNamespace('ev');
  namespaces.push(ns);
  return ns;
}

/** Records `count` crm.contact.created events for `tenantId`, one transaction each. */
async function recordEvents(outbox: Outbox, tenantId: string, count: number, name = (i: number) => `Contact ${i}`): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const envelope = await inTenantTransaction(db, tenantId, (tx) =>
      outbox.record(tx, {
        type: 'crm.contact.created',
        tenantId,
        subjectId: randomUUID(),
        data: { name: name(i), email: null, companyId: null },
      }),
    );
    ids.push(envelope.id);
  }
  return ids;
}

/** The test effect: a company named after the event (unique per tenant), written in the consumer's transaction. */
function companyPerEvent(name: string, fail?: (eventName: string) => boolean): ConsumerDefinition<Tx> {
  return defineConsumer<Tx, 'crm.contact.created'>({
    name,
    type: 'crm.contact.created',
    async handle(tx, event) {
      if (fail?.(event.data.name)) throw new Error(`handler refuses ${event.data.name}`);
      await tx.$executeRaw`INSERT INTO companies (id, tenant_id, name, normalized_name, updated_at)
        VALUES (gen_random_uuid(), ${event.tenantId}::uuid, ${event.id}, ${event.id}, now())`;
    },
  });
}

async function effects(tenantId: string): Promise<number> {
  return inTenantTransaction(db, tenantId, (tx) => tx.company.count({ where: { tenantId } }));
}

async function unpublished(tenantId: string): Promise<number> {
  return inTenantTransaction(db, tenantId, (tx) => tx.outboxEvent.count({ where: { tenantId, publishedAt: null } }));
}

async function until(condition: () => Promise<boolean>, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function streamMessages(bus: EventBus, module: string): Promise<number> {
  return Number((await bus.jsm.streams.info(streamNameOf(module, bus.namespace))).state.messages);
}

describe('outbox -> relay -> consumer', () => {
  let bus: EventBus;
  let ns: string;
  beforeAll(async () => {
    ns = namespace();
    bus = await connectEventBus({ url: TEST_NATS_URL, namespace: ns, name: 'events-test', logger });
    await bus.ensureStream('crm');
  });
  afterAll(() => bus.close());

  it('declares the stream idempotently with retention, limits, duplicate window and file storage', async () => {
    await bus.ensureStream('crm');
    const info = await bus.jsm.streams.info(streamNameOf('crm', ns));
    expect(info.config).toMatchObject({
      subjects: [`${ns}.crm.>`],
      retention: 'limits',
      storage: 'file',
      discard: 'old',
      duplicate_window: 3600 * 1e9,
    });
    expect(info.config.max_age).toBeGreaterThan(0);
    expect(info.config.max_bytes).toBeGreaterThan(0);
  });

  it('publishes committed events in order with Nats-Msg-Id = event id, marks them, and a consumer applies each once', async () => {
    const tenantId = randomUUID();
    const outbox = new Outbox('crm', ns);
    const ids = await recordEvents(outbox, tenantId, 25);
    // A rolled-back transaction leaves nothing to publish.
    await expect(
      inTenantTransaction(db, tenantId, async (tx) => {
        await outbox.record(tx, {
          type: 'crm.contact.created',
          tenantId,
          subjectId: randomUUID(),
          data: { name: 'rolled back', email: null, companyId: null },
        });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await unpublished(tenantId)).toBe(25);
    // The services' role sees only its tenant's outbox rows and can never mark them published.
    expect(await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM outbox_events`).toEqual([{ n: 0n }]);
    await expect(db.$executeRaw`UPDATE outbox_events SET published_at = now()`).rejects.toThrow(/permission denied/);

    const relay = startOutboxRelay({ module: 'crm', bus, logger });
    await relay.idle();
    await relay.stop();
    expect(await unpublished(tenantId)).toBe(0);

    const received: string[] = [];
    const consumer = bus.js.consumers.get(streamNameOf('crm', ns));
    const ordered = await consumer;
    const batch = await ordered.fetch({ max_messages: 100, expires: 2000 });
    for await (const msg of batch) {
      const envelope = msg.json<{ id: string; tenantId: string }>();
      if (envelope.tenantId === tenantId) {
        received.push(envelope.id);
        expect(msg.headers?.get('Nats-Msg-Id')).toBe(envelope.id);
        expect(msg.subject).toBe(subjectOf('crm.contact.created', tenantId, ns));
      }
    }
    expect(received).toEqual(ids);

    const running = await startConsumer({ module: 'crm', bus, db, logger, definition: companyPerEvent('crm-test-apply') });
    await until(async () => (await effects(tenantId)) === 25, 20_000, '25 effects');
    await running.stop();
    expect(await effects(tenantId)).toBe(25);
  });

  it('applies an event delivered twice once (the inbox recognises it)', async () => {
    const tenantId = randomUUID();
    const envelope = createEnvelope('crm', {
      type: 'crm.contact.created',
      tenantId,
      subjectId: randomUUID(),
      data: { name: 'twice', email: null, companyId: null },
    });
    const subject = subjectOf(envelope.type, tenantId, ns);
    // Two copies with different msg ids: the stream keeps both, as after a replay or a lost ack.
    await bus.js.publish(subject, JSON.stringify(envelope), { msgID: `${envelope.id}-a` });
    await bus.js.publish(subject, JSON.stringify(envelope), { msgID: `${envelope.id}-b` });
    // The same msg id again: the server itself drops it.
    const dropped = await bus.js.publish(subject, JSON.stringify(envelope), { msgID: `${envelope.id}-a` });
    expect(dropped.duplicate).toBe(true);

    const running = await startConsumer({ module: 'crm', bus, db, logger, definition: companyPerEvent('crm-test-twice') });
    await until(async () => running.duplicates >= 1 && running.applied >= 1, 20_000, 'both copies');
    await running.stop();
    expect(await effects(tenantId)).toBe(1);
  });

  it('dead-letters a malformed message and one whose handler always fails, and goes on with the events behind them', async () => {
    // A stream of its own: the consumer must see exactly these messages.
    const ns = namespace();
    const bus = await connectEventBus({ url: TEST_NATS_URL, namespace: ns, name: 'events-test', logger });
    onTestFinished(() => bus.close());
    const tenantId = randomUUID();
    const outbox = new Outbox('crm', ns);
    await recordEvents(outbox, tenantId, 1, () => 'before');
    await recordEvents(outbox, tenantId, 1, () => 'poison');
    const relay = startOutboxRelay({ module: 'crm', bus, logger });
    await relay.idle();
    // Not JSON at all, and a valid envelope whose subject names another tenant (a forgery).
    await bus.js.publish(subjectOf('crm.contact.created', tenantId, ns), 'this is not an event');
    const forged = createEnvelope('crm', {
      type: 'crm.contact.created',
      tenantId: randomUUID(),
      subjectId: randomUUID(),
      data: { name: 'forged', email: null, companyId: null },
    });
    await bus.js.publish(subjectOf('crm.contact.created', tenantId, ns), JSON.stringify(forged));
    await recordEvents(outbox, tenantId, 3, (i) => `after ${i}`);
    await relay.idle();
    await relay.stop();

    const name = `crm-test-poison-${randomUUID().slice(0, 8)}`;
    let healed = false;
    let poisonAttempts = 0;
    const running = await startConsumer({
      module: 'crm',
      bus,
      db,
      logger,
      definition: companyPerEvent(name, (eventName) => {
        if (eventName === 'poison') poisonAttempts += 1;
        return eventName === 'poison' && !healed;
      }),
      maxDeliver: 3,
      backoffMs: [50],
      ackWaitSeconds: 1,
    });
    await until(async () => (await effects(tenantId)) === 4 && running.deadLettered === 3, 20_000, '4 effects and 3 dead letters');

    // Terminated for good: nothing comes back after the ack wait (1 s), nothing is retried again.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect({ attempts: poisonAttempts, deadLettered: running.deadLettered }).toEqual({ attempts: 3, deadLettered: 3 });

    // The operator fixes the cause and replays the poison event: it is applied once, now.
    healed = true;
    const [poison] = (await listDeadLetters('crm')).filter((letter) => letter.consumer === name && letter.event_id);
    expect(await replayDeadLetter(bus, 'crm', poison!.id)).toEqual({ replayed: true });
    expect(await replayDeadLetter(bus, 'crm', poison!.id)).toMatchObject({
      replayed: false,
      reason: expect.stringMatching(/already replayed/),
    });
    // A letter that is not a valid event (the non-JSON message) is never republished.
    const [garbage] = (await listDeadLetters('crm')).filter((letter) => letter.consumer === name && letter.error.includes('not JSON'));
    expect(await replayDeadLetter(bus, 'crm', garbage!.id)).toMatchObject({
      replayed: false,
      reason: expect.stringMatching(/not a valid event/),
    });
    await until(async () => (await effects(tenantId)) === 5, 20_000, 'the replayed event');
    expect((await listDeadLetters('crm')).some((letter) => letter.id === poison!.id)).toBe(false);
    await running.stop();

    // The services' role cannot read dead letters at all; operators do, through the admin connection.
    await expect(db.$queryRaw`SELECT count(*) FROM dead_letters`).rejects.toThrow(/permission denied/);
    const { withAdminClient, moduleDatabaseName } = await import('@tessera/prisma');
    const rows = await withAdminClient(
      async (client) =>
        (
          await client.query<{ event_id: string | null; error: string; deliveries: number }>(
            'SELECT event_id, error, deliveries FROM dead_letters WHERE consumer = $1 ORDER BY stream_seq',
            [name],
          )
        ).rows,
      moduleDatabaseName('crm'),
    );
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ error: 'handler refuses poison', deliveries: 3 });
    expect(rows[1]).toMatchObject({ event_id: null, deliveries: 1 });
    expect(rows[1]?.error).toMatch(/not JSON/);
    expect(rows[2]?.error).toMatch(/does not belong to tenant/);
  });
});

describe('faults', () => {
  it('a relay killed between publish and mark loses nothing and doubles nothing', async () => {
    const ns = namespace();
    const tenantId = randomUUID();
    const outbox = new Outbox('crm', ns);
    const ids = await recordEvents(outbox, tenantId, 40);
    // A relay in its own process that SIGKILLs itself right after the server acknowledged the 15th publish.
    const child = fork(fileURLToPath(new URL('./fixtures/relay-that-dies.mjs', import.meta.url)), [ns, '15'], {
      stdio: 'ignore',
      env: { ...process.env },
    });
    const exit = await new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.once('exit', (code, signal) => resolve(signal ?? code)),
    );
    expect(exit).toBe('SIGKILL');
    // The batch was never marked: everything is still pending, though 15 are in the stream.
    expect(await unpublished(tenantId)).toBe(40);

    const bus = await connectEventBus({ url: TEST_NATS_URL, namespace: ns, name: 'events-test', logger });
    try {
      expect(await streamMessages(bus, 'crm')).toBe(15);
      const relay = startOutboxRelay({ module: 'crm', bus, logger });
      await relay.idle();
      await relay.stop();
      expect(await unpublished(tenantId)).toBe(0);
      // The 15 republished duplicates were dropped by the server.
      expect(await streamMessages(bus, 'crm')).toBe(40);
      const running = await startConsumer({ module: 'crm', bus, db, logger, definition: companyPerEvent('crm-test-relay-crash') });
      await until(async () => (await effects(tenantId)) === 40, 20_000, '40 effects');
      await running.stop();
      expect(running.duplicates).toBe(0);
      expect(ids).toHaveLength(40);
    } finally {
      await bus.close();
    }
  });

  const natsServer = findNatsServer();
  it.skipIf(!natsServer)('NATS stopped and restarted during a burst: every event is delivered, none twice in effect', async () => {
    const server = await PrivateNatsServer.start(natsServer!);
    const ns = namespace();
    const tenantId = randomUUID();
    const outbox = new Outbox('crm', ns);
    const bus = await connectEventBus({ url: server.url, namespace: ns, name: 'events-test', logger });
    let consumer: RunningConsumer | null = null;
    const relay = startOutboxRelay({ module: 'crm', bus, logger, pollIntervalMs: 100 });
    try {
      await bus.ensureStream('crm');
      consumer = await startConsumer({ module: 'crm', bus, db, logger, definition: companyPerEvent('crm-test-restart') });
      const burst = recordEvents(outbox, tenantId, 300);
      await until(async () => (await effects(tenantId)) >= 20, 20_000, 'the burst to start flowing');
      await server.kill();
      await burst; // the service keeps committing while NATS is down: rows wait in the outbox
      expect(await unpublished(tenantId)).toBeGreaterThan(0);
      await server.start();
      await until(async () => (await effects(tenantId)) === 300, 60_000, '300 effects after the restart');
      await relay.idle();
      expect(await unpublished(tenantId)).toBe(0);
      expect(await effects(tenantId)).toBe(300);
    } finally {
      await consumer?.stop();
      await relay.stop();
      await bus.close();
      await server.destroy();
    }
  });
});
