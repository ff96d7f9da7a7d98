/**
 * The writer side of the transactional outbox: a module records its domain event in the same
 * transaction as the change (a tenant transaction, so the outbox row passes the tenant policy).
 * Nothing is published from inside a transaction; the relay does that after commit.
 */
import type { EventType } from './contracts.js';
import { createEnvelope, subjectOf, type EventEnvelope, type NewEvent } from './envelope.js';

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

  async record<T extends EventType>(tx: SqlExecutor, event: NewEvent<T>): Promise<EventEnvelope<T>> {
    const envelope = createEnvelope(this.source, event);
    const subject = subjectOf(envelope.type, envelope.tenantId, this.namespace);
    await tx.$executeRaw`INSERT INTO outbox_events (id, tenant_id, type, subject, subject_id, envelope, created_at)
      VALUES (${envelope.id}::uuid, ${envelope.tenantId}::uuid, ${envelope.type}, ${subject}, ${envelope.subjectId},
              ${JSON.stringify(envelope)}::jsonb, ${new Date(envelope.occurredAt)})`;
    return envelope;
  }
}
