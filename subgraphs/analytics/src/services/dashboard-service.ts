import type { TenantScope } from '@tessera/prisma';
import { ErrorCode, TesseraError, utcDay } from '@tessera/service-kit';
import type { AnalyticsTx } from '../db.js';
import { checkRange } from '../domain/date-range.js';
import type { AnalyticsRepositories } from '../repositories/index.js';
import { DashboardView } from './dashboard-view.js';

/** The caller's dashboards: range checked, figures in the tenant's default currency. */
export class DashboardService {
  constructor(
    private readonly scope: TenantScope<AnalyticsTx>,
    private readonly repositories: AnalyticsRepositories,
    /** The tenant's default currency (from the caller's signed context). */
    private readonly currency: string,
    private readonly now: () => Date,
  ) {}

  /** The dashboard of a range of days; a range that is reversed or longer than 366 days is a BAD_USER_INPUT error. */
  dashboard(range: { from: Date; to: Date }): DashboardView {
    const checked = checkRange(range.from, range.to);
    if (!checked.ok) throw new TesseraError(ErrorCode.BAD_USER_INPUT, checked.message);
    return new DashboardView(this.scope, this.repositories, checked.range, checked.days, this.currency, utcDay(this.now()));
  }
}
