/**
 * The event envelope: `{ id, type, version, tenantId, occurredAt, source, subjectId, data,
 * traceparent }`, validated against the type's contract when an event is created and when it is
 * consumed. `subject` is where it is published: `<module>.<tenantId>.<entity>.<verb>`, behind the
 * bus namespace if one is configured.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { contractOf, isEventType, splitEventType, type EventData, type EventType } from './contracts.js';

export interface EventEnvelope<T extends EventType = EventType> {
  /** Unique event id (UUID); also the JetStream `Nats-Msg-Id` and the inbox key. */
  id: string;
  type: T;
  version: number;
  tenantId: string;
  /** When the change committed (ISO 8601, UTC). */
  occurredAt: string;
  /** The module that recorded it. */
  source: string;
  /** The aggregate the event is about (deal id, invoice id, ...). */
  subjectId: string;
  data: EventData<T>;
  /** W3C trace context of the request that caused it, if any. */
  traceparent: string | null;
}

/** What a producer supplies; the rest of the envelope is filled in. */
export interface NewEvent<T extends EventType> {
  type: T;
  tenantId: string;
  subjectId: string;
  data: EventData<T>;
  traceparent?: string | null;
  occurredAt?: Date;
}

const envelopeShape = z.object({
  id: z.uuid(),
  type: z.string(),
  version: z.number().int().positive(),
  tenantId: z.uuid(),
  occurredAt: z.iso.datetime({ offset: true }),
  source: z.string().min(1),
  subjectId: z.string().min(1),
  data: z.unknown(),
  traceparent: z.string().nullable(),
});

/** Thrown when an event does not match its contract; never retried (the message is dead-lettered). */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
}

function issues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}

/** Validates `value` as an envelope of a known type and version; the data is parsed by its contract. */
export function parseEnvelope(value: unknown): EventEnvelope {
  const shape = envelopeShape.safeParse(value);
  if (!shape.success) throw new InvalidEventError(`invalid event envelope: ${issues(shape.error)}`);
  const { type, version } = shape.data;
  if (!isEventType(type)) throw new InvalidEventError(`unknown event type ${type}`);
  const contract = contractOf(type)!;
  if (version !== contract.version) throw new InvalidEventError(`unsupported version ${version} of ${type} (expected ${contract.version})`);
  const data = contract.data.safeParse(shape.data.data);
  if (!data.success) throw new InvalidEventError(`invalid ${type} data: ${issues(data.error)}`);
  return { ...shape.data, type, data: data.data } as EventEnvelope;
}

/** Builds and validates a new envelope; an invalid payload is a programming error and throws. */
export function createEnvelope<T extends EventType>(source: string, event: NewEvent<T>): EventEnvelope<T> {
  const [module] = splitEventType(event.type);
  if (module !== source) throw new InvalidEventError(`${source} cannot record ${event.type}: events belong to the module that names them`);
  return parseEnvelope({
    id: randomUUID(),
    type: event.type,
    version: contractOf(event.type)!.version,
    tenantId: event.tenantId,
    occurredAt: (event.occurredAt ?? new Date()).toISOString(),
    source,
    subjectId: event.subjectId,
    data: event.data,
    traceparent: event.traceparent ?? null,
  }) as EventEnvelope<T>;
}

/** The subject of an event type for a tenant, e.g. `crm.<tenant>.deal.won`; `namespace` prefixes it. */
export function subjectOf(type: EventType, tenantId: string, namespace = ''): string {
  const [module, rest] = splitEventType(type);
  return `${namespace ? `${namespace}.` : ''}${module}.${tenantId}.${rest}`;
}

/** The subject filter of a type across tenants, e.g. `crm.*.deal.won`. */
export function subjectFilterOf(type: EventType, namespace = ''): string {
  const [module, rest] = splitEventType(type);
  return `${namespace ? `${namespace}.` : ''}${module}.*.${rest}`;
}

/** The event's subject id as a UUID; any other is a malformed event (dead-lettered at once, never retried). */
export function subjectUuid(event: Pick<EventEnvelope, 'type' | 'id' | 'subjectId'>): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(event.subjectId))
    throw new InvalidEventError(`${event.type} ${event.id}: subjectId ${event.subjectId} is not a UUID`);
  return event.subjectId;
}
