/**
 * The writer side of the transactional outbox: a module records its domain event in the same
 * transaction as the change (a tenant transaction, so the outbox row passes the tenant policy).
 * Nothing is published from inside a transaction; the relay does that after commit.
 */
import { context } from '@opentelemetry/api';
import type { EventType } from './contracts.js';
import { createEnvelope, InvalidEventError, subjectOf, type EventEnvelope, type NewEvent } from './envelope.js';
import { currentTraceparent, eventAttributes, inSpan, SpanKind } from './tracing.js';

/** The largest event the outbox accepts (the streams take messages up to 1 MiB, headers included). */
export const MAX_EVENT_BYTES = 512 * 1024;

/** The part of a Prisma transaction client the outbox needs. */
export interface SqlExecutor {
  $executeRaw(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<number>;
}

/** Writes one or more events into `outbox_events` within `tx`; returns the envelopes written. */
export class Outbox {
  constructor(
    /** The module that owns the events (`crm`, `invoicing`, ...). */
    readonly source: string,
    /** Bus namespace prefixed to subjects (empty in production; tests isolate themselves with it). */
    readonly namespace = '',
  ) {}

  /**
   * Records the event in its own `outbox.record <type>` span, whose trace context becomes the
   * envelope's `traceparent` (the one the producer passes is used only when no tracer runs).
   */
  async record<T extends EventType>(tx: SqlExecutor, event: NewEvent<T>): Promise<EventEnvelope<T>> {
    return inSpan(`outbox.record ${event.type}`, SpanKind.PRODUCER, context.active(), {}, async (span) => {
      const envelope = createEnvelope(this.source, { ...event, traceparent: currentTraceparent() ?? event.traceparent ?? null });
      span.setAttributes(eventAttributes(envelope));
      const subject = subjectOf(envelope.type, envelope.tenantId, this.namespace);
      // The relay could never publish a bigger one (the streams' message limit), and it would hold up
      // every event behind it: refuse it here, so the change that produced it rolls back.
      const size = Buffer.byteLength(JSON.stringify(envelope));
      if (size > MAX_EVENT_BYTES) throw new InvalidEventError(`${envelope.type} is ${size} bytes; events are at most ${MAX_EVENT_BYTES}`);
      await tx.$executeRaw`INSERT INTO outbox_events (id, tenant_id, type, subject, subject_id, envelope, created_at)
        VALUES (${envelope.id}::uuid, ${envelope.tenantId}::uuid, ${envelope.type}, ${subject}, ${envelope.subjectId},
                ${JSON.stringify(envelope)}::jsonb, ${new Date(envelope.occurredAt)})`;
      return envelope;
    });
  }
}
