import type { TenantScope } from '@tessera/prisma';
import { ErrorCode, isUuid, listPage, TesseraError, type Connection, type PageArgs } from '@tessera/service-kit';
import type { AnalyticsTx } from '../db.js';
import type { ActivityItem } from '../generated/prisma/client.js';
import type { ActivityRepository } from '../repositories/activity-repository.js';

/** The caller's activity feed: newest first, one page at a time, only the caller's tenant's items. */
export class ActivityService {
  constructor(
    private readonly scope: TenantScope<AnalyticsTx>,
    private readonly activity: ActivityRepository,
  ) {}

  /** A page of the feed (`first` 0..100, default 20); a cursor that is not one of this feed's items is a BAD_USER_INPUT error. */
  list(args: PageArgs): Promise<Connection<ActivityItem>> {
    return listPage(args, async (window) => {
      const page = await this.scope.run((tx) => this.activity.page(tx, window));
      if (!page) throw new TesseraError(ErrorCode.BAD_USER_INPUT, 'Invalid cursor: use a cursor returned by this connection');
      return page;
    });
  }

  /** An item by id; null if the tenant has none with that id. */
  async get(id: string): Promise<ActivityItem | null> {
    if (!isUuid(id)) return null;
    return this.scope.run((tx) => this.activity.findById(tx, id));
  }
}
