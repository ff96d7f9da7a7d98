import type DataLoader from 'dataloader';
import { perArguments, tenantLoaders, type LoaderScope } from '@tessera/service-kit';
import type { HrTx } from './db.js';
import type { Department, Employee, LeaveRequest } from './generated/prisma/client.js';
import type { Repositories } from './repositories/index.js';

/**
 * The request's DataLoaders: every entity reference and every list-per-parent field costs ONE SQL
 * statement per plan step, however many parents ask. Ids that cannot be UUIDs match nothing
 * without reaching the database.
 */
export interface HrLoaders {
  employeeById: DataLoader<string, Employee | null>;
  departmentById: DataLoader<string, Department | null>;
  leaveRequestById: DataLoader<string, LeaveRequest | null>;
  /** Whether an APPROVED leave request covers today for each employee (what makes one ON_LEAVE). */
  onLeaveToday: DataLoader<string, boolean>;
  leaveRequestsByEmployeeId: DataLoader<string, LeaveRequest[]>;
  /** The first `limit` non-terminated direct reports of each manager (one loader per limit). */
  reportsByManagerId(limit: number): DataLoader<string, Employee[]>;
  /** The first `limit` non-terminated members of each department (one loader per limit). */
  membersByDepartmentId(limit: number): DataLoader<string, Employee[]>;
}

export function createLoaders(scope: LoaderScope<HrTx>, { employees, departments, leaveRequests }: Repositories, today: Date): HrLoaders {
  const load = tenantLoaders(scope);
  return {
    employeeById: load.byId((tx, ids) => employees.findByIds(tx, ids)),
    departmentById: load.byId((tx, ids) => departments.findByIds(tx, ids)),
    leaveRequestById: load.byId((tx, ids) => leaveRequests.findByIds(tx, ids)),
    onLeaveToday: load.values(
      async (tx, ids) => new Map((await leaveRequests.employeesOnLeave(tx, ids, today)).map((id) => [id, true])),
      false,
    ),
    leaveRequestsByEmployeeId: load.byParent(
      (tx, ids) => leaveRequests.listByEmployeeIds(tx, ids),
      (leave) => leave.employeeId,
    ),
    reportsByManagerId: perArguments((limit: number) =>
      load.byParent(
        (tx, ids) => employees.listReportsByManagerIds(tx, ids, limit),
        (employee) => employee.managerId,
      ),
    ),
    membersByDepartmentId: perArguments((limit: number) =>
      load.byParent(
        (tx, ids) => employees.listMembersByDepartmentIds(tx, ids, limit),
        (employee) => employee.departmentId,
      ),
    ),
  };
}
