/**
 * HR's domain events (contracts in @tessera/events). The payloads are built from the employee row
 * as it is after the change, by the pure functions below; HrEvents records them inside the
 * transaction of the change. Every event describes the whole employee with its revision
 * (incremented by the change's own UPDATE), so a consumer can build its copy from any one event
 * and order them by revision.
 */
import type { EventData, EventEnvelope, Outbox, SqlExecutor } from '@tessera/events';
import { isoDay, toMoney } from '@tessera/service-kit';
import type { Employee } from '../generated/prisma/client.js';
import type { EmployeeStatus } from '../generated/graphql.js';

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
    hiredAt: isoDay(employee.hiredAt),
    salary: salaryOf(employee),
    revision: employee.revision,
  };
}

export function employeeHiredData(employee: Employee): EventData<'hr.employee.hired'> {
  return employeeFacts(employee);
}

export function employeeUpdatedData(employee: Employee, status: EmployeeStatus): EventData<'hr.employee.updated'> {
  const terminatedAt = employee.terminatedAt === null ? null : isoDay(employee.terminatedAt);
  return { ...employeeFacts(employee), status, terminatedAt };
}

export function employeeTerminatedData(employee: Employee): EventData<'hr.employee.terminated'> {
  if (employee.terminatedAt === null) throw new Error(`employee ${employee.id} is not terminated`);
  return { ...employeeFacts(employee), terminatedAt: isoDay(employee.terminatedAt), reason: employee.terminationReason };
}

/** Records HR's events, in the transaction of the change. */
export class HrEvents {
  constructor(
    private readonly outbox: Outbox,
    private readonly tenantId: string,
  ) {}

  employeeHired(tx: SqlExecutor, employee: Employee): Promise<EventEnvelope<'hr.employee.hired'>> {
    return this.outbox.record(tx, {
      type: 'hr.employee.hired',
      tenantId: this.tenantId,
      subjectId: employee.id,
      data: employeeHiredData(employee),
    });
  }

  employeeUpdated(tx: SqlExecutor, employee: Employee, status: EmployeeStatus): Promise<EventEnvelope<'hr.employee.updated'>> {
    return this.outbox.record(tx, {
      type: 'hr.employee.updated',
      tenantId: this.tenantId,
      subjectId: employee.id,
      data: employeeUpdatedData(employee, status),
    });
  }

  employeeTerminated(tx: SqlExecutor, employee: Employee): Promise<EventEnvelope<'hr.employee.terminated'>> {
    return this.outbox.record(tx, {
      type: 'hr.employee.terminated',
      tenantId: this.tenantId,
      subjectId: employee.id,
      data: employeeTerminatedData(employee),
    });
  }
}
