import { defineConsumer, type ConsumerDefinition, type Outbox } from '@tessera/events';
import type { AnalyticsTx } from '../db.js';
import { ProjectionService } from '../services/projection-service.js';
import { AnalyticsEvents } from './analytics-events.js';
import { analyticsProjections } from './projections.js';

export interface AnalyticsConsumerDeps {
  outbox: Outbox;
}

/** The services a consumer calls, bound to the event's tenant. */
const forTenant = (tenantId: string, deps: AnalyticsConsumerDeps) => new ProjectionService(new AnalyticsEvents(deps.outbox, tenantId));

/**
 * Analytics' live consumers: one durable consumer per event type it reads (NATS 2.9 takes one filter
 * subject per consumer); each hands its event to the projection service in the transaction the
 * framework opened for the event's tenant (inbox row included).
 */
export function analyticsConsumers(deps: AnalyticsConsumerDeps): ConsumerDefinition<AnalyticsTx>[] {
  return analyticsProjections.map((projection) =>
    defineConsumer<AnalyticsTx, typeof projection.type>({
      name: projection.name,
      type: projection.type,
      handle: (tx, event) => forTenant(event.tenantId, deps).apply(tx, projection, event),
    }),
  );
}
