import { defineConsumer, subjectUuid, type ConsumerDefinition, type Outbox } from '@tessera/events';
import type { __Module__Tx } from '../db.js';
import { createRepositories } from '../repositories/index.js';
import { confirmItem } from '../services/item-service.js';

/**
 * __Title__'s consumers: thin, each maps the event to a service call in the transaction the event
 * framework opened for the event's tenant (with its inbox row, so a redelivery has no second effect).
 */
export function __module__Consumers(_deps: { outbox: Outbox }): ConsumerDefinition<__Module__Tx>[] {
  return [
    defineConsumer<__Module__Tx, '__module__.item.created'>({
      name: '__module__-item-confirmation',
      type: '__module__.item.created',
      handle: (tx, event) => confirmItem(tx, createRepositories(event.tenantId), subjectUuid(event), new Date(event.occurredAt)),
    }),
  ];
}
