import { defineConsumer, type ConsumerDefinition, type Outbox } from '@tessera/events';
import type { AnalyticsTx } from '../db.js';
import { analyticsProjections } from './projections.js';
import { refuseDuringRebuild } from './rebuild-lock.js';

/**
 * Analytics' live consumers: one durable consumer per event type it reads (NATS 2.9 takes one filter
 * subject per consumer), each applying its projection in the transaction the framework opened for
 * the event's tenant (inbox row included). A handler first takes the read-model lock shared, so it
 * never writes while a rebuild runs. Then it records `analytics.dashboard.updated` for the tenant in
 * the same transaction (data: the event's type and id): the router pushes `dashboardUpdated` only once
 * the numbers have moved, and `activityRecorded` (the item `causeId` names) once the item is there.
 */
export function analyticsConsumers(deps: { outbox: Outbox }): ConsumerDefinition<AnalyticsTx>[] {
  return analyticsProjections.map((projection) =>
    defineConsumer<AnalyticsTx, typeof projection.type>({
      name: projection.name,
      type: projection.type,
      handle: async (tx, event) => {
        const effect = projection.plan(event);
        await refuseDuringRebuild(tx);
        await effect(tx);
        await deps.outbox.record(tx, {
          type: 'analytics.dashboard.updated',
          tenantId: event.tenantId,
          subjectId: event.tenantId,
          data: { cause: event.type, causeId: event.id },
        });
      },
    }),
  );
}
