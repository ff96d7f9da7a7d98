/**
 * Idempotent event consumers: one durable pull consumer per (reacting module, purpose), filtered to
 * one event type across tenants. For each message:
 * 1. the envelope is validated against its contract and its subject's tenant (a malformed or
 *    mislabelled message is dead-lettered at once: retrying cannot fix it);
 * 2. in ONE tenant transaction bound to the event's tenant, the event id is recorded in the module's
 *    inbox and the handler applies its effect (an event already in the inbox is skipped);
 * 3. after commit the message is acked. A crash before the ack means redelivery, which the inbox
 *    makes harmless.
 * A failing handler is retried with backoff; after `maxDeliver` deliveries (or at once when it throws
 * InvalidEventError: a permanent failure) the message becomes a dead letter, which an operator can
 * replay, and is terminated, and the consumer goes on with the messages behind it. The server never
 * gives up on a message by itself (max_deliver -1), so a crash during the last attempt cannot lose
 * it. Messages of one aggregate are handled one after another in a process; a retry lets the ones
 * behind it pass, so handlers must not depend on order (payroll's, for one, do not).
 */
import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type ConsumerConfig,
  type ConsumerMessages,
  type JsMsg,
} from '@nats-io/jetstream';
import { inTenantTransaction, type RawExecutor, type TransactionalClient } from '@tessera/prisma';
import type { EventBus, EventLogger } from './bus.js';
import { splitEventType, type EventModule, type EventType } from './contracts.js';
import { DeadLetterSink } from './dead-letter-sink.js';
import { InvalidEventError, parseEnvelope, subjectFilterOf, type EventEnvelope } from './envelope.js';
import { contextOfEnvelope, eventAttributes, inSpan, SpanKind } from './tracing.js';

/** What a module declares to react to one event type. */
export interface ConsumerDefinition<Tx, T extends EventType = EventType> {
  /** Durable consumer name, `<module>-<purpose>`, e.g. `payroll-commission-accrual`. */
  name: string;
  /** The event type; or, for a consumer of a producer's whole stream, `<producer>.*` (see defineStreamConsumer). */
  type: T;
  /** Applies the effect in a transaction bound to `event.tenantId`; throw to retry (InvalidEventError: never). */
  handle(tx: Tx, event: EventEnvelope<T>, delivery: DeliveryInfo): Promise<void>;
}

/** Where a message stands on its stream: the producer's publication order (per stream, not per type). */
export interface DeliveryInfo {
  streamSeq: number;
}

/** Every event of one producer: `crm.*`. */
export type StreamWide = `${EventModule}.*`;

/** Whether a consumer's `type` stands for its producer's whole stream (`crm.*`). */
export function isStreamWide(type: string): boolean {
  return type.endsWith('.*');
}

/**
 * Declares a consumer of every event a producer records (`producer.*`, one durable consumer on its
 * stream), for a module that follows all of them (webhooks). Each envelope is still validated
 * against its own type's contract; the handler sees it untyped.
 */
export function defineStreamConsumer<Tx>(definition: {
  name: string;
  producer: EventModule;
  handle(tx: Tx, event: EventEnvelope, delivery: DeliveryInfo): Promise<void>;
}): ConsumerDefinition<Tx> {
  return { name: definition.name, type: `${definition.producer}.*` as EventType, handle: definition.handle as never };
}

/** Declares a consumer with its event's payload type checked (lets arrays mix event types). */
export function defineConsumer<Tx, T extends EventType>(definition: ConsumerDefinition<Tx, T>): ConsumerDefinition<Tx> {
  return definition as unknown as ConsumerDefinition<Tx>;
}

/** The part of a generated Prisma client a consumer needs. */
export interface ConsumerDb<Tx extends RawExecutor> extends TransactionalClient<Tx> {
  $executeRaw(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<number>;
}

export interface ConsumerOptions<Tx extends RawExecutor> {
  /** The consuming module (its database holds the inbox and the dead letters). */
  module: string;
  bus: EventBus;
  db: ConsumerDb<Tx>;
  logger: EventLogger;
  definition: ConsumerDefinition<Tx>;
  /** Where dead letters go; by default a connection of the consumer's own. */
  deadLetters?: DeadLetterSink;
  /** Deliveries before a failing message becomes a dead letter. */
  maxDeliver?: number;
  /** Delay before redelivery after the n-th failure (the last entry repeats). */
  backoffMs?: number[];
  /** Messages processed at once (keep it below the database pool size); one aggregate's stay in order. */
  concurrency?: number;
  /** Seconds the server waits for an ack before redelivering (in-flight messages are kept alive). */
  ackWaitSeconds?: number;
}

export interface RunningConsumer {
  readonly name: string;
  /** The stream it reads (its producer's). */
  readonly stream: string;
  /** Messages whose effect this process committed (excludes duplicates skipped by the inbox). */
  readonly applied: number;
  /** Messages skipped because the inbox already had them. */
  readonly duplicates: number;
  /** Messages this process dead-lettered. */
  readonly deadLettered: number;
  stop(): Promise<void>;
}

export const DEFAULT_BACKOFF_MS = [1000, 5000, 30_000, 120_000, 600_000];
export const DEFAULT_MAX_DELIVER = 6;
/** Handler transactions may queue for a pooled connection behind a backlog: wait patiently. */
const TRANSACTION = { maxWait: 15_000, timeout: 30_000 };
const decoder = new TextDecoder();

/** Creates the durable consumer or updates its configuration (idempotent); the stream must exist or is created. */
export async function ensureConsumer(bus: EventBus, type: EventType, name: string, ackWaitSeconds = 30): Promise<string> {
  const [producer] = splitEventType(type);
  const stream = await bus.requireStream(producer);
  const config: Partial<ConsumerConfig> = {
    durable_name: name,
    // A stream-wide consumer: every tenant's every event of the producer (`crm.*.>`).
    filter_subject: isStreamWide(type)
      ? `${bus.namespace ? `${bus.namespace}.` : ''}${producer}.*.>`
      : subjectFilterOf(type, bus.namespace),
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: ackWaitSeconds * 1e9,
    max_deliver: -1,
    max_ack_pending: 1000,
  };
  try {
    await bus.jsm.consumers.info(stream, name);
  } catch (error) {
    if (!(error instanceof JetStreamApiError) || error.code !== JetStreamApiCodes.ConsumerNotFound) throw error;
    await bus.jsm.consumers.add(stream, config);
    return stream;
  }
  await bus.jsm.consumers.update(stream, name, { ack_wait: config.ack_wait, max_deliver: -1, max_ack_pending: 1000 });
  return stream;
}

/** Acks, naks and terms throw once the connection is closing; the server redelivers then anyway. */
function settle(action: () => void): void {
  try {
    action();
  } catch {
    // redelivered after ack_wait
  }
}

/** Starts one consumer; it runs until `stop()`, which lets in-flight messages finish (drain). */
export async function startConsumer<Tx extends RawExecutor>(options: ConsumerOptions<Tx>): Promise<RunningConsumer> {
  const { bus, db, definition, logger } = options;
  const maxDeliver = options.maxDeliver ?? DEFAULT_MAX_DELIVER;
  const backoff = options.backoffMs ?? DEFAULT_BACKOFF_MS;
  const concurrency = options.concurrency ?? 4;
  const ackWaitSeconds = options.ackWaitSeconds ?? 30;
  const deadLetters = options.deadLetters ?? new DeadLetterSink(options.module);
  const ownsDeadLetters = !options.deadLetters;
  let stream = await ensureConsumer(bus, definition.type, definition.name, ackWaitSeconds);
  const counts = { applied: 0, duplicates: 0, deadLettered: 0 };
  const tails = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<void>>();
  let stopping = false;

  async function deadLetter(msg: JsMsg, event: EventEnvelope | null, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    try {
      await deadLetters.record({
        consumer: definition.name,
        stream,
        streamSeq: msg.seq,
        subject: msg.subject,
        tenantId: event?.tenantId ?? null,
        eventId: event?.id ?? null,
        type: event?.type ?? null,
        payload: decoder.decode(msg.data),
        error: reason,
        deliveries: msg.info.deliveryCount,
      });
    } catch (recordError) {
      logger.error(
        { err: recordError, consumer: definition.name, seq: msg.seq },
        'cannot record a dead letter; the message will be redelivered',
      );
      settle(() => msg.nak(backoff[0]));
      return;
    }
    counts.deadLettered += 1;
    logger.error({ consumer: definition.name, seq: msg.seq, subject: msg.subject, eventId: event?.id, reason }, 'event dead-lettered');
    // A bare TERM: NATS 2.9 ignores `+TERM <reason>` and would redeliver the message for ever.
    settle(() => msg.term());
  }

  function parse(msg: JsMsg): EventEnvelope {
    let json: unknown;
    try {
      json = JSON.parse(decoder.decode(msg.data));
    } catch {
      throw new InvalidEventError('message is not JSON');
    }
    const event = parseEnvelope(json);
    const expected = isStreamWide(definition.type) ? event.type.startsWith(definition.type.slice(0, -1)) : event.type === definition.type;
    if (!expected) throw new InvalidEventError(`expected ${definition.type}, got ${event.type}`);
    const tenantToken = msg.subject.split('.').at(bus.namespace ? 2 : 1);
    if (tenantToken !== event.tenantId) throw new InvalidEventError(`subject ${msg.subject} does not belong to tenant ${event.tenantId}`);
    return event;
  }

  async function process(msg: JsMsg, event: EventEnvelope): Promise<void> {
    try {
      // A child of the envelope's trace: what the handler records continues it.
      const attributes = {
        ...eventAttributes(event),
        'messaging.consumer.group.name': definition.name,
        'tessera.deliveries': msg.info.deliveryCount,
      };
      const applied = await inSpan(`process ${event.type}`, SpanKind.CONSUMER, contextOfEnvelope(event), attributes, (span) =>
        inTenantTransaction(
          db,
          event.tenantId,
          async (tx) => {
            const inserted = await tx.$executeRaw`INSERT INTO inbox_events (consumer, event_id, tenant_id, type, occurred_at)
              VALUES (${definition.name}, ${event.id}::uuid, ${event.tenantId}::uuid, ${event.type}, ${new Date(event.occurredAt)})
              ON CONFLICT (consumer, event_id) DO NOTHING`;
            span.setAttribute('tessera.duplicate', inserted === 0);
            if (inserted === 0) return false;
            await definition.handle(tx, event, { streamSeq: msg.seq });
            return true;
          },
          TRANSACTION,
        ),
      );
      if (applied) counts.applied += 1;
      else counts.duplicates += 1;
      settle(() => msg.ack());
    } catch (error) {
      const deliveries = msg.info.deliveryCount;
      if (error instanceof InvalidEventError || deliveries >= maxDeliver) return deadLetter(msg, event, error);
      const delay = backoff[Math.min(deliveries - 1, backoff.length - 1)] ?? 1000;
      logger.warn(
        { err: error, consumer: definition.name, eventId: event.id, deliveries, retryInMs: delay },
        'event handler failed; will retry',
      );
      settle(() => msg.nak(delay));
    }
  }

  async function handleMessage(msg: JsMsg): Promise<void> {
    // Keep the message ours while it waits behind its aggregate and while it runs: an ack-wait
    // expiry would redeliver it (and count a delivery) though nothing failed.
    const keepAlive = setInterval(() => settle(() => msg.working()), (ackWaitSeconds * 1000) / 3);
    try {
      let event: EventEnvelope;
      try {
        event = parse(msg);
      } catch (error) {
        return await deadLetter(msg, null, error);
      }
      const key = event.subjectId;
      const previous = tails.get(key) ?? Promise.resolve();
      const current = previous.catch(() => undefined).then(() => process(msg, event));
      tails.set(key, current);
      try {
        await current;
      } finally {
        if (tails.get(key) === current) tails.delete(key);
      }
    } finally {
      clearInterval(keepAlive);
    }
  }

  let messages: ConsumerMessages | null = null;
  const loop = (async () => {
    while (!stopping) {
      try {
        const current = await bus.js.consumers
          .get(stream, definition.name)
          .then((consumer) => consumer.consume({ max_messages: concurrency * 2, abort_on_missing_resource: true }));
        messages = current;
        for await (const msg of current) {
          const task: Promise<void> = handleMessage(msg)
            .catch((error: unknown) => logger.error({ err: error, consumer: definition.name }, 'unexpected consumer failure'))
            .finally(() => inFlight.delete(task));
          inFlight.add(task);
          while (inFlight.size >= concurrency) await Promise.race(inFlight);
        }
      } catch (error) {
        if (stopping) break;
        logger.warn({ err: error, consumer: definition.name }, 'consumer interrupted; recreating it');
        await new Promise((resolve) => setTimeout(resolve, 500));
        // The stream or the durable consumer may have been deleted: declare them again.
        stream = await ensureConsumer(bus, definition.type, definition.name, ackWaitSeconds).catch(() => stream);
      }
    }
  })();

  return {
    name: definition.name,
    get stream() {
      return stream;
    },
    get applied() {
      return counts.applied;
    },
    get duplicates() {
      return counts.duplicates;
    },
    get deadLettered() {
      return counts.deadLettered;
    },
    async stop() {
      stopping = true;
      await (messages as ConsumerMessages | null)?.close();
      await loop;
      await Promise.allSettled(inFlight);
      if (ownsDeadLetters) await deadLetters.close();
    },
  };
}
