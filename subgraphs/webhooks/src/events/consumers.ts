import { defineStreamConsumer, type ConsumerDefinition, type EventModule } from '@tessera/events';
import type { WebhooksTx } from '../db.js';
import { followedProducers } from '../domain/event-types.js';
import { createRepositories } from '../repositories/index.js';
import { matchEvent } from '../services/matching.js';

/**
 * One consumer per followed stream (`crm.*`, ...): each event of a tenant becomes one delivery per
 * enabled endpoint of that tenant that wants its type, in the transaction the event framework opened
 * for the event's tenant (with its inbox row: a redelivered event makes no second delivery).
 * `wake` tells the dispatcher that work may be waiting.
 */
export function webhooksConsumers(deps: { consumes: readonly string[]; wake: () => void }): ConsumerDefinition<WebhooksTx>[] {
  return followedProducers(deps.consumes).map((producer) =>
    defineStreamConsumer<WebhooksTx>({
      name: `webhooks-deliver-${producer}`,
      producer: producer as EventModule,
      handle: async (tx, event, { streamSeq }) => {
        const matched = await matchEvent(tx, createRepositories(event.tenantId), event, streamSeq);
        if (matched > 0) setTimeout(deps.wake, 25).unref();
      },
    }),
  );
}
