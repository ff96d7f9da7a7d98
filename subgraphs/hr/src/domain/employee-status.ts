import type { Role } from '@tessera/service-kit';
import type { EmployeeStatus } from '../generated/graphql.js';

/** Where an employee stands: TERMINATED once terminatedAt is set (final), else ON_LEAVE when an approved leave covers today. */
export function employeeStatus(employee: { terminatedAt: Date | null }, onLeaveToday: boolean): EmployeeStatus {
  if (employee.terminatedAt !== null) return 'TERMINATED';
  return onLeaveToday ? 'ON_LEAVE' : 'ACTIVE';
}

/** Roles that may see and set compensation. */
const PAY_ROLES: readonly Role[] = ['OWNER', 'ADMIN'];

/** Whether a caller of this role sees salaries (and may set them). */
export function canSeeCompensation(role: Role | null): boolean {
  return role !== null && PAY_ROLES.includes(role);
}
