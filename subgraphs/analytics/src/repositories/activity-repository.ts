import type { Page, PageWindow } from '@tessera/service-kit';
import type { AnalyticsTx } from '../db.js';
import type { ActivityItem } from '../generated/prisma/client.js';

/** An item of the activity feed as a projection records it. */
export interface ActivityItemInput {
  /** The id of the event it describes. */
  id: string;
  type: string;
  module: string;
  occurredAt: Date;
  subjectId: string;
  summary: string;
  /** An exact decimal string and its currency, or both null. */
  amount: string | null;
  currency: string | null;
}

/** The tenant's activity feed: one row per event that makes an item, read newest first. */
export class ActivityRepository {
  constructor(private readonly tenantId: string) {}

  /** Records an item; an item already recorded (same event) changes nothing. Returns whether it was new. */
  async record(tx: AnalyticsTx, item: ActivityItemInput): Promise<boolean> {
    const added = await tx.$executeRaw`
      INSERT INTO activity_items (tenant_id, id, type, module, occurred_at, subject_id, summary, amount, currency)
      VALUES (${this.tenantId}::uuid, ${item.id}::uuid, ${item.type}, ${item.module}, ${item.occurredAt}, ${item.subjectId},
              ${item.summary}, ${item.amount}::numeric, ${item.currency})
      ON CONFLICT (tenant_id, id) DO NOTHING`;
    return added > 0;
  }

  findById(tx: AnalyticsTx, id: string): Promise<ActivityItem | null> {
    return tx.activityItem.findFirst({ where: { tenantId: this.tenantId, id } });
  }

  /**
   * Up to `take + 1` items, newest first (occurredAt, then id, both descending), after the item
   * `afterId` if given; null when that item is not the tenant's.
   */
  async page(tx: AnalyticsTx, window: PageWindow): Promise<Page<ActivityItem> | null> {
    const where = { tenantId: this.tenantId };
    let after = {};
    if (window.afterId) {
      const cursor = await tx.activityItem.findFirst({ where: { ...where, id: window.afterId }, select: { occurredAt: true, id: true } });
      if (!cursor) return null;
      after = { OR: [{ occurredAt: { lt: cursor.occurredAt } }, { occurredAt: cursor.occurredAt, id: { lt: cursor.id } }] };
    }
    const rows = await tx.activityItem.findMany({
      where: { ...where, ...after },
      orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
      take: window.take + 1,
    });
    const totalCount = await tx.activityItem.count({ where });
    return { rows, totalCount };
  }
}
