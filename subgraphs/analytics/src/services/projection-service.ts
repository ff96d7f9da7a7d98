import type { EventEnvelope } from '@tessera/events';
import type { AnalyticsTx } from '../db.js';
import type { AnalyticsEvents } from '../events/analytics-events.js';
import type { Projection } from '../events/projections.js';
import { refuseDuringRebuild } from '../events/rebuild-lock.js';

/** What the live consumers do with an event, in the transaction the event framework opened for its tenant. */
export class ProjectionService {
  constructor(private readonly events: AnalyticsEvents) {}

  /**
   * Checks the event (InvalidEventError: never retried), takes the read-model lock shared (a rebuild
   * running: retried later), applies the projection, then records `analytics.dashboard.updated` in
   * the same transaction: the router pushes `dashboardUpdated` only once the numbers have moved, and
   * `activityRecorded` (the item `causeId` names) once the item is there.
   */
  async apply(tx: AnalyticsTx, projection: Projection, event: EventEnvelope): Promise<void> {
    const effect = projection.plan(event);
    await refuseDuringRebuild(tx);
    await effect(tx);
    await this.events.dashboardUpdated(tx, event);
  }
}
