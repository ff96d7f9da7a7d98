import type { EventEnvelope } from '@tessera/events';
import type { WebhooksTx } from '../db.js';
import type { Repositories } from '../repositories/index.js';

/**
 * The body integrators receive (behaviour 11): `{ id, type, occurredAt, tenantId, subjectId, data }`;
 * `subjectId` is the object the event is about (the invoice, the deal), which not every payload names.
 */
export function webhookBody(event: EventEnvelope): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    occurredAt: event.occurredAt,
    tenantId: event.tenantId,
    subjectId: event.subjectId,
    data: event.data,
  });
}

/** Makes the event's deliveries, one per enabled endpoint of its tenant that wants its type; returns how many. */
export async function matchEvent(tx: WebhooksTx, repositories: Repositories, event: EventEnvelope, streamSeq: number): Promise<number> {
  const endpoints = await repositories.endpoints.wanting(tx, event.type);
  if (endpoints.length === 0) return 0;
  const body = webhookBody(event);
  await repositories.deliveries.enqueue(
    tx,
    endpoints.map((endpoint) => endpoint.id),
    { eventId: event.id, eventType: event.type, producer: event.type.split('.')[0]!, subjectId: event.subjectId, streamSeq, body },
  );
  return endpoints.length;
}
