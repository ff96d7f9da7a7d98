import DataLoader from 'dataloader';
import { isUuid } from '@tessera/service-kit';
import type { Department, Employee, LeaveRequest } from './generated/prisma/client.js';
import type { DepartmentRepository } from './repositories/department-repository.js';
import type { EmployeeRepository } from './repositories/employee-repository.js';
import type { LeaveRequestRepository } from './repositories/leave-request-repository.js';

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

/** Fetches rows for the well-formed keys only; no statement at all when there are none. */
async function fetchWellFormed<T>(keys: readonly string[], fetch: (ids: string[]) => Promise<T[]>): Promise<T[]> {
  const wanted = keys.filter(isUuid);
  return wanted.length > 0 ? fetch(wanted) : [];
}

/** Loads rows by id, answering null for ids not found (or not the tenant's). */
function byIdLoader<T extends { id: string }>(fetch: (ids: string[]) => Promise<T[]>): DataLoader<string, T | null> {
  return new DataLoader(async (keys) => {
    const found = new Map((await fetchWellFormed(keys, fetch)).map((row) => [row.id, row]));
    return keys.map((key) => found.get(key) ?? null);
  });
}

/** Loads the rows of many parents at once, grouped by parent id (rows keep the order fetched). */
function byParentLoader<T>(fetch: (parentIds: string[]) => Promise<T[]>, parentOf: (row: T) => string | null): DataLoader<string, T[]> {
  return new DataLoader(async (keys) => {
    const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
    for (const row of await fetchWellFormed(keys, fetch)) {
      const parent = parentOf(row);
      if (parent !== null) groups.get(parent)?.push(row);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** One byParentLoader per limit, created on first use. */
function perLimit<T>(create: (limit: number) => DataLoader<string, T[]>): (limit: number) => DataLoader<string, T[]> {
  const loaders = new Map<number, DataLoader<string, T[]>>();
  return (limit) => {
    let loader = loaders.get(limit);
    if (!loader) {
      loader = create(limit);
      loaders.set(limit, loader);
    }
    return loader;
  };
}

export function createLoaders(
  repositories: { employees: EmployeeRepository; departments: DepartmentRepository; leaveRequests: LeaveRequestRepository },
  today: Date,
): HrLoaders {
  const { employees, departments, leaveRequests } = repositories;
  return {
    employeeById: byIdLoader((ids) => employees.findByIds(ids)),
    departmentById: byIdLoader((ids) => departments.findByIds(ids)),
    leaveRequestById: byIdLoader((ids) => leaveRequests.findByIds(ids)),
    onLeaveToday: new DataLoader(async (keys) => {
      const onLeave = new Set(await fetchWellFormed(keys, (ids) => leaveRequests.employeesOnLeave(ids, today)));
      return keys.map((key) => onLeave.has(key));
    }),
    leaveRequestsByEmployeeId: byParentLoader(
      (ids) => leaveRequests.listByEmployeeIds(ids),
      (leave) => leave.employeeId,
    ),
    reportsByManagerId: perLimit((limit) =>
      byParentLoader(
        (ids) => employees.listReportsByManagerIds(ids, limit),
        (employee) => employee.managerId,
      ),
    ),
    membersByDepartmentId: perLimit((limit) =>
      byParentLoader(
        (ids) => employees.listMembersByDepartmentIds(ids, limit),
        (employee) => employee.departmentId,
      ),
    ),
  };
}
