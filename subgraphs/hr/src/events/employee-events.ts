/**
 * The payloads of HR's domain events (contracts in @tessera/events), built from the employee row
 * as it is after the change. Recorded with `Outbox.record` inside the transaction of the change.
 */
import { toMoney } from '../domain/money.js';
import type { EventData } from '@tessera/events';
import type { Employee } from '../generated/prisma/client.js';
import type { EmployeeStatus } from '../generated/graphql.js';
import { formatDay } from '../domain/dates.js';

/** The yearly salary as event money (the currency's decimals), or null when none is set. */
function salaryOf(employee: Employee): EventData<'hr.employee.hired'>['salary'] {
  if (employee.salaryAmount === null || employee.salaryCurrency === null) return null;
  return toMoney(employee.salaryAmount, employee.salaryCurrency);
}

export function employeeHiredData(employee: Employee): EventData<'hr.employee.hired'> {
  return {
    name: employee.name,
    email: employee.email,
    jobTitle: employee.jobTitle,
    departmentId: employee.departmentId,
    managerId: employee.managerId,
    hiredAt: formatDay(employee.hiredAt),
    salary: salaryOf(employee),
  };
}

export function employeeUpdatedData(employee: Employee, status: EmployeeStatus): EventData<'hr.employee.updated'> {
  return {
    name: employee.name,
    email: employee.email,
    jobTitle: employee.jobTitle,
    departmentId: employee.departmentId,
    managerId: employee.managerId,
    status,
    salary: salaryOf(employee),
  };
}

export function employeeTerminatedData(employee: Employee): EventData<'hr.employee.terminated'> {
  if (employee.terminatedAt === null) throw new Error(`employee ${employee.id} is not terminated`);
  return { terminatedAt: formatDay(employee.terminatedAt), reason: employee.terminationReason };
}
