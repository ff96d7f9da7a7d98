import type { ModuleContext, TenantDeps } from '@tessera/service-kit';
import type { HrDb, HrTx } from './db.js';
import { utcDay } from './domain/dates.js';
import { HrEvents } from './events/hr-events.js';
import { createLoaders, type HrLoaders } from './loaders.js';
import { createRepositories } from './repositories/index.js';
import { DepartmentService } from './services/department-service.js';
import { EmployeeService } from './services/employee-service.js';
import { LeaveService } from './services/leave-service.js';
import { mayCall, principalOf } from '@tessera/service-kit';
import { permissions } from './permissions.js';

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

/** Builds the request's services: repositories on the caller's tenant, loaders, the events writer. */
export function hrTenant({ scope, caller, outbox, now }: TenantDeps<HrDb, HrTx, unknown>): TenantBound {
  const today = utcDay(now());
  const repositories = createRepositories(caller.tenantId);
  const loaders = createLoaders(scope, repositories, today);
  return {
    employees: new EmployeeService({
      scope,
      repositories,
      loaders,
      events: new HrEvents(outbox, caller.tenantId),
      // Who sees and sets salaries is the permission table's (Employee.compensation).
      seesCompensation: mayCall(permissions, 'Employee.compensation', principalOf(caller) ?? 'MEMBER'),
      now,
      today,
    }),
    departments: new DepartmentService(scope, repositories, loaders),
    leave: new LeaveService(scope, repositories, loaders, now),
    loaders,
    today,
  };
}

export { bound } from '@tessera/service-kit';
