import { TenantScope } from '@tessera/prisma';
import { ErrorCode, TesseraError, type RequestContext } from '@tessera/service-kit';
import type { Outbox } from '@tessera/events';
import type { HrDb, HrTx } from './db.js';
import { utcDay } from './domain/dates.js';
import { createLoaders, type HrLoaders } from './loaders.js';
import { DepartmentRepository } from './repositories/department-repository.js';
import { EmployeeRepository } from './repositories/employee-repository.js';
import { LeaveRequestRepository } from './repositories/leave-request-repository.js';
import { DepartmentService } from './services/department-service.js';
import { EmployeeService } from './services/employee-service.js';
import { LeaveService } from './services/leave-service.js';

/** Per-request services and loaders of an authenticated caller, bound to the caller's tenant. */
export interface TenantBound {
  employees: EmployeeService;
  departments: DepartmentService;
  leave: LeaveService;
  loaders: HrLoaders;
  /** The request's calendar day (UTC): what ON_LEAVE is measured against. */
  today: Date;
}

export interface HrContext extends RequestContext {
  /** null for a context without a tenant: the subgraph refuses such callers every field. */
  hr: TenantBound | null;
}

export interface HrDeps {
  db: HrDb;
  /** Records HR's events in the transaction of each change (the relay publishes them after commit). */
  outbox: Outbox;
  /** The clock (tests may fix it); defaults to the system time. */
  now?: () => Date;
}

/** Builds the request context: repositories on a tenant scope, services and DataLoaders over them. */
export function createHrContext(deps: HrDeps, base: RequestContext): HrContext {
  const { tenantId } = base.caller;
  if (!tenantId) return { ...base, hr: null };
  const now = deps.now ?? (() => new Date());
  const today = utcDay(now());
  const scope = new TenantScope<HrTx>(deps.db, tenantId);
  const employees = new EmployeeRepository(scope);
  const departments = new DepartmentRepository(scope);
  const leaveRequests = new LeaveRequestRepository(scope);
  const loaders = createLoaders({ employees, departments, leaveRequests }, today);
  return {
    ...base,
    hr: {
      employees: new EmployeeService({
        scope,
        employees,
        departments,
        leaveRequests,
        loaders,
        outbox: deps.outbox,
        role: base.caller.role,
        now,
        today,
      }),
      departments: new DepartmentService(scope, departments, employees, loaders),
      leave: new LeaveService(scope, leaveRequests, employees, loaders, now),
      loaders,
      today,
    },
  };
}

/** The tenant-bound part of the context; callers without a tenant never reach a resolver. */
export function bound(context: HrContext): TenantBound {
  if (!context.hr) throw new TesseraError(ErrorCode.UNAUTHENTICATED, 'Authentication required');
  return context.hr;
}
