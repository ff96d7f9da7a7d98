import { defineConsumer, subjectUuid, type ConsumerDefinition } from '@tessera/events';
import type { PosTx } from '../db.js';
import { createRepositories } from '../repositories/index.js';

/**
 * POS's reactions to other modules' events, one durable consumer each: commerce's catalogue, copied so
 * a sale is priced by the server without calling commerce (a till that rings up a variant commerce
 * has not announced yet is told so).
 */
export function posConsumers(): ConsumerDefinition<PosTx>[] {
  return [
    defineConsumer<PosTx, 'commerce.variant.changed'>({
      name: 'pos-catalogue',
      type: 'commerce.variant.changed',
      handle: (tx, event) =>
        createRepositories(event.tenantId).catalogue.apply(tx, {
          variantId: subjectUuid(event),
          productId: event.data.productId,
          sku: event.data.sku,
          name: event.data.name,
          prices: event.data.prices,
          revision: new Date(event.data.revision),
        }),
    }),
  ];
}
