import type { ModuleContext, TenantDeps } from '@tessera/service-kit';
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

export type HrContext = ModuleContext<TenantBound>;

/** Builds the request context: repositories on a tenant scope, services and DataLoaders over them. */
export function hrTenant(deps: TenantDeps<HrDb, HrTx, unknown>): TenantBound {
  const now = deps.now;
  const today = utcDay(now());
  const scope = deps.scope;
  const employees = new EmployeeRepository(scope);
  const departments = new DepartmentRepository(scope);
  const leaveRequests = new LeaveRequestRepository(scope);
  const loaders = createLoaders({ employees, departments, leaveRequests }, today);
  return {
    employees: new EmployeeService({
      scope,
      employees,
      departments,
      leaveRequests,
      loaders,
      outbox: deps.outbox,
      role: deps.caller.role,
      now,
      today,
    }),
    departments: new DepartmentService(scope, departments, employees, loaders),
    leave: new LeaveService(scope, leaveRequests, employees, loaders, now),
    loaders,
    today,
  };
}

export { bound } from '@tessera/service-kit';
