import { DepartmentRepository } from './department-repository.js';
import { EmployeeRepository } from './employee-repository.js';
import { LeaveRequestRepository } from './leave-request-repository.js';

/** HR's repositories, bound to one tenant (every query also filters by it). */
export function createRepositories(tenantId: string) {
  return {
    employees: new EmployeeRepository(tenantId),
    departments: new DepartmentRepository(tenantId),
    leaveRequests: new LeaveRequestRepository(tenantId),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
