import type { ModuleContext, TenantDeps } from '@tessera/service-kit';
import type { PayrollDb, PayrollTx } from './db.js';
import { PayrollEvents } from './events/payroll-events.js';
import { createLoaders, type PayrollLoaders } from './loaders.js';
import { createRepositories } from './repositories/index.js';
import { CommissionService } from './services/commission-service.js';
import { PayRunService } from './services/pay-run-service.js';

/** Per-request services and loaders of an authenticated caller, bound to the caller's tenant. */
export interface TenantBound {
  commissions: CommissionService;
  payRuns: PayRunService;
  loaders: PayrollLoaders;
}

export type PayrollContext = ModuleContext<TenantBound>;

/** Builds the request context: repositories and services bound to the caller's tenant, fresh DataLoaders. */
export function payrollTenant(deps: TenantDeps<PayrollDb, PayrollTx, unknown>): TenantBound {
  const { tenantId } = deps.caller;
  const scope = deps.scope;
  const repositories = createRepositories(tenantId);
  const loaders = createLoaders(scope, repositories);
  const events = new PayrollEvents(deps.outbox, tenantId);
  return {
    commissions: new CommissionService(scope, repositories, loaders),
    payRuns: new PayRunService(scope, repositories, loaders, events, deps.now),
    loaders,
  };
}

export { bound } from '@tessera/service-kit';
