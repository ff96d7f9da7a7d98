import type { ModuleContext, TenantDeps } from '@tessera/service-kit';
import type { AnalyticsDb, AnalyticsTx } from './db.js';
import { createRepositories } from './repositories/index.js';
import { ActivityService } from './services/activity-service.js';
import { DashboardService } from './services/dashboard-service.js';

/** Per-request services of an authenticated caller, bound to the caller's tenant. */
export interface TenantBound {
  dashboards: DashboardService;
  activity: ActivityService;
}

export type AnalyticsContext = ModuleContext<TenantBound>;

/** Builds the request context: repositories and services bound to the caller's tenant and currency. */
export function analyticsTenant(deps: TenantDeps<AnalyticsDb, AnalyticsTx, unknown>): TenantBound {
  const { tenantId, currency } = deps.caller;
  const scope = deps.scope;
  const repositories = createRepositories(tenantId);
  return {
    dashboards: new DashboardService(scope, repositories, currency, deps.now),
    activity: new ActivityService(scope, repositories.activity),
  };
}

export { bound } from '@tessera/service-kit';
