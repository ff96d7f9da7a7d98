import { TenantScope } from '@tessera/prisma';
import { ErrorCode, TesseraError, type RequestContext } from '@tessera/service-kit';
import type { AnalyticsDb, AnalyticsTx } from './db.js';
import { createRepositories } from './repositories/index.js';
import { ActivityService } from './services/activity-service.js';
import { DashboardService } from './services/dashboard-service.js';

/** Per-request services of an authenticated caller, bound to the caller's tenant. */
export interface TenantBound {
  dashboards: DashboardService;
  activity: ActivityService;
}

export interface AnalyticsContext extends RequestContext {
  /** null for a signed context without a tenant: the subgraph refuses such callers every field. */
  analytics: TenantBound | null;
}

export interface AnalyticsDeps {
  db: AnalyticsDb;
  /** The clock (tests may fix it); defaults to the system time. */
  now?: () => Date;
}

/** Builds the request context: repositories and services bound to the caller's tenant and currency. */
export function createAnalyticsContext(deps: AnalyticsDeps, base: RequestContext): AnalyticsContext {
  const { tenantId, currency } = base.caller;
  if (!tenantId) return { ...base, analytics: null };
  const scope = new TenantScope<AnalyticsTx>(deps.db, tenantId);
  const repositories = createRepositories(tenantId);
  return {
    ...base,
    analytics: {
      dashboards: new DashboardService(scope, repositories, currency, deps.now ?? (() => new Date())),
      activity: new ActivityService(scope, repositories.activity),
    },
  };
}

/** The tenant-bound part of the context; callers without a tenant never reach a resolver. */
export function bound(context: AnalyticsContext): TenantBound {
  if (!context.analytics) throw new TesseraError(ErrorCode.UNAUTHENTICATED, 'Authentication required');
  return context.analytics;
}
