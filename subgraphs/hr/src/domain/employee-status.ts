import type { EmployeeStatus } from '../generated/graphql.js';

/** Where an employee stands: TERMINATED once terminatedAt is set (final), else ON_LEAVE when an approved leave covers today. */
export function employeeStatus(employee: { terminatedAt: Date | null }, onLeaveToday: boolean): EmployeeStatus {
  if (employee.terminatedAt !== null) return 'TERMINATED';
  return onLeaveToday ? 'ON_LEAVE' : 'ACTIVE';
}
