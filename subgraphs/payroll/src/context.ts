import type { Outbox } from '@tessera/events';
import { TenantScope } from '@tessera/prisma';
import { ErrorCode, TesseraError, type RequestContext } from '@tessera/service-kit';
import type { PayrollDb, PayrollTx } from './db.js';
import { createLoaders, type PayrollLoaders } from './loaders.js';
import { createRepositories } from './repositories/index.js';
import { CommissionService } from './services/commission-service.js';
import { PayrollEvents } from './services/events.js';
import { PayRunService } from './services/pay-run-service.js';

/** Per-request services and loaders of an authenticated caller, bound to the caller's tenant. */
export interface TenantBound {
  commissions: CommissionService;
  payRuns: PayRunService;
  loaders: PayrollLoaders;
}

export interface PayrollContext extends RequestContext {
  /** null for a signed context without a tenant: the subgraph refuses such callers every field. */
  payroll: TenantBound | null;
}

export interface PayrollDeps {
  db: PayrollDb;
  /** Payroll's outbox (`new Outbox('payroll', namespace)`): pay run and commission events. */
  outbox: Outbox;
  /** The clock (tests may fix it); defaults to the system time. */
  now?: () => Date;
}

/** Builds the request context: repositories and services bound to the caller's tenant, fresh DataLoaders. */
export function createPayrollContext(deps: PayrollDeps, base: RequestContext): PayrollContext {
  const { tenantId, role } = base.caller;
  if (!tenantId) return { ...base, payroll: null };
  const scope = new TenantScope<PayrollTx>(deps.db, tenantId);
  const repositories = createRepositories(tenantId);
  const loaders = createLoaders(scope, repositories);
  const events = new PayrollEvents(deps.outbox, tenantId);
  return {
    ...base,
    payroll: {
      commissions: new CommissionService(scope, repositories, loaders, role),
      payRuns: new PayRunService(scope, repositories, loaders, events, role, deps.now ?? (() => new Date())),
      loaders,
    },
  };
}

/** The tenant-bound part of the context; callers without a tenant never reach a resolver. */
export function bound(context: PayrollContext): TenantBound {
  if (!context.payroll) throw new TesseraError(ErrorCode.UNAUTHENTICATED, 'Authentication required');
  return context.payroll;
}
