import type { EventData, EventEnvelope, Outbox, SqlExecutor } from '@tessera/events';

/** The payload of `analytics.dashboard.updated`: the event that moved the read models. */
export const dashboardUpdatedData = (cause: Pick<EventEnvelope, 'type' | 'id'>): EventData<'analytics.dashboard.updated'> => ({
  cause: cause.type,
  causeId: cause.id,
});

/** Records analytics' events, in the transaction of the change. */
export class AnalyticsEvents {
  constructor(
    private readonly outbox: Outbox,
    private readonly tenantId: string,
  ) {}

  /** The tenant's dashboard (and activity feed) changed because of `cause` (subjectId: the tenant). */
  dashboardUpdated(tx: SqlExecutor, cause: Pick<EventEnvelope, 'type' | 'id'>): Promise<EventEnvelope<'analytics.dashboard.updated'>> {
    return this.outbox.record(tx, {
      type: 'analytics.dashboard.updated',
      tenantId: this.tenantId,
      subjectId: this.tenantId,
      data: dashboardUpdatedData(cause),
    });
  }
}
