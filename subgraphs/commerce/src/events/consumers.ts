import { defineConsumer, subjectUuid, type ConsumerDefinition, type EventEnvelope, type Outbox } from '@tessera/events';
import type { CommerceTx } from '../db.js';
import { createRepositories } from '../repositories/index.js';
import { PosSaleService, type PosSaleFacts } from '../services/pos-sale-service.js';
import { CommerceEvents } from './commerce-events.js';

export interface CommerceConsumerDeps {
  /** Commerce's outbox: the stock.moved events the handlers record. */
  outbox: Outbox;
}

/** The services a consumer calls, bound to the event's tenant. */
function forTenant(tenantId: string, deps: CommerceConsumerDeps) {
  return { posSales: new PosSaleService(createRepositories(tenantId), new CommerceEvents(deps.outbox, tenantId)) };
}

/** A POS sale event's facts as stock needs them (a malformed subject id is an InvalidEventError). */
function saleFacts(event: EventEnvelope<'pos.sale.completed' | 'pos.sale.voided'>): PosSaleFacts {
  return { saleId: subjectUuid(event), locationId: event.data.locationId, lines: event.data.lines, origin: `${event.type} ${event.id}` };
}

/**
 * Commerce's reactions to other modules' events, one durable consumer each: thin, each maps the event
 * to a service call in the transaction the event framework opened for the event's tenant.
 */
export function commerceConsumers(deps: CommerceConsumerDeps): ConsumerDefinition<CommerceTx>[] {
  return [
    defineConsumer<CommerceTx, 'pos.sale.completed'>({
      name: 'commerce-pos-sale',
      type: 'pos.sale.completed',
      handle: (tx, event) => forTenant(event.tenantId, deps).posSales.recordSale(tx, saleFacts(event)),
    }),
    defineConsumer<CommerceTx, 'pos.sale.voided'>({
      name: 'commerce-pos-sale-voided',
      type: 'pos.sale.voided',
      handle: (tx, event) => forTenant(event.tenantId, deps).posSales.recordVoid(tx, saleFacts(event)),
    }),
  ];
}
