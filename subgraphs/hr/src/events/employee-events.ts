/**
 * The payloads of HR's domain events (contracts in @tessera/events), built from the employee row
 * as it is after the change. Recorded with `Outbox.record` inside the transaction of the change.
 * Every event describes the whole employee with its revision (incremented by the change's own
 * UPDATE), so a consumer can build its copy from any one event and order them by revision.
 */
import { toMoney } from '../domain/money.js';
import type { EventData } from '@tessera/events';
import type { Employee } from '../generated/prisma/client.js';
import type { EmployeeStatus } from '../generated/graphql.js';
import { formatDay } from '../domain/dates.js';

/** The facts every hr.employee.* event carries. */
type EmployeeFacts = EventData<'hr.employee.hired'>;

/** The yearly salary as event money (the currency's decimals), or null when none is set. */
function salaryOf(employee: Employee): EmployeeFacts['salary'] {
  if (employee.salaryAmount === null || employee.salaryCurrency === null) return null;
  return toMoney(employee.salaryAmount, employee.salaryCurrency);
}

function employeeFacts(employee: Employee): EmployeeFacts {
  return {
    name: employee.name,
    email: employee.email,
    jobTitle: employee.jobTitle,
    departmentId: employee.departmentId,
    managerId: employee.managerId,
    hiredAt: formatDay(employee.hiredAt),
    salary: salaryOf(employee),
    revision: employee.revision,
  };
}

export function employeeHiredData(employee: Employee): EventData<'hr.employee.hired'> {
  return employeeFacts(employee);
}

export function employeeUpdatedData(employee: Employee, status: EmployeeStatus): EventData<'hr.employee.updated'> {
  const terminatedAt = employee.terminatedAt === null ? null : formatDay(employee.terminatedAt);
  return { ...employeeFacts(employee), status, terminatedAt };
}

export function employeeTerminatedData(employee: Employee): EventData<'hr.employee.terminated'> {
  if (employee.terminatedAt === null) throw new Error(`employee ${employee.id} is not terminated`);
  return { ...employeeFacts(employee), terminatedAt: formatDay(employee.terminatedAt), reason: employee.terminationReason };
}
