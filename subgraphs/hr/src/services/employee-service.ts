import {
  type Connection,
  Decimal,
  isUuid,
  listOrChanges,
  pageWindow,
  searchText,
  errorsOf,
  valid,
  type Checked,
  type UserError,
} from '@tessera/service-kit';
import type { TenantScope } from '@tessera/prisma';
import type { Employee } from '../generated/prisma/client.js';
import type {
  EmployeeStatus,
  HireEmployeeInput,
  MoneyInput,
  QueryEmployeesArgs,
  TerminateEmployeeInput,
  UpdateEmployeeInput,
} from '../generated/graphql.js';
import type { HrTx } from '../db.js';
import type { HrLoaders } from '../loaders.js';
import type { EmployeeChange } from '../repositories/employee-repository.js';
import type { Repositories } from '../repositories/index.js';
import { utcDay } from '../domain/dates.js';
import { checkEmail, checkJobTitle, checkName, checkSalary, checkText, type Salary } from '../domain/employee-fields.js';
import { employeeStatus } from '../domain/employee-status.js';
import { wouldCreateCycle } from '../domain/reporting-lines.js';
import type { HrEvents } from '../events/hr-events.js';
import { isUniqueViolation } from '@tessera/prisma';
import {
  departmentNotFound,
  emailTaken,
  employeeNotFound,
  employeeTerminated,
  managerCycle,
  salaryForbidden,
  terminationBeforeHire,
  terminationInFuture,
} from '../errors.js';

export interface EmployeePayload {
  employee: Employee | null;
  userErrors: UserError[];
}

const refused = (...userErrors: UserError[]): EmployeePayload => ({ employee: null, userErrors });

/** The note left on leave requests cancelled because their employee was terminated. */
export const TERMINATION_NOTE = 'Cancelled: the employee was terminated';

/** What the service works with: the tenant's scope and repositories, loaders, events, who calls, the day and the clock. */
export interface EmployeeServiceSetup {
  scope: TenantScope<HrTx>;
  repositories: Repositories;
  loaders: HrLoaders;
  events: HrEvents;
  /** Whether the caller sees and sets salaries (the permission table's Employee.compensation). */
  seesCompensation: boolean;
  now: () => Date;
  today: Date;
}

/** A salary from the input, checked; null when removed. */
function salaryFrom(input: MoneyInput | null): Checked<Salary | null> {
  return input === null ? valid(null) : checkSalary(input.amount, input.currency, ['input', 'salary']);
}

/** The salary of a stored employee as the service compares it. */
function storedSalary(employee: Employee): Salary | null {
  if (employee.salaryAmount === null || employee.salaryCurrency === null) return null;
  return { amount: new Decimal(employee.salaryAmount.toString()), currency: employee.salaryCurrency };
}

function sameSalary(a: Salary | null, b: Salary | null): boolean {
  return a === null || b === null ? a === b : a.currency === b.currency && a.amount.equals(b.amount);
}

/**
 * Employees of the caller's tenant: hiring, changing, terminating (final), and reading with the
 * status derived as of today. Every change records its event in the same transaction.
 */
export class EmployeeService {
  constructor(private readonly setup: EmployeeServiceSetup) {}

  get(id: string): Promise<Employee | null> {
    return this.setup.loaders.employeeById.load(id);
  }

  /** The status as of today: TERMINATED, else ON_LEAVE when an approved leave covers today, else ACTIVE. */
  async status(employee: Employee): Promise<EmployeeStatus> {
    if (employee.terminatedAt !== null) return 'TERMINATED';
    return employeeStatus(employee, await this.setup.loaders.onLeaveToday.load(employee.id));
  }

  /** Whether the caller sees compensation (the permission table's Employee.compensation: owners and admins). */
  get seesCompensation(): boolean {
    return this.setup.seesCompensation;
  }

  /** Employees, optionally by text, statuses (an empty list matches none) and department. */
  list(args: QueryEmployeesArgs): Promise<Connection<Employee>> {
    const search = searchText(args.filter?.search);
    const statuses = args.filter?.status ?? null;
    const departmentId = args.filter?.departmentId ?? null;
    return listOrChanges(args, this.setup.scope, async (tx, window) =>
      departmentId !== null && !isUuid(departmentId)
        ? { rows: [], totalCount: 0 }
        : this.setup.repositories.employees.page(tx, { ...window, search, statuses, departmentId, today: this.setup.today }),
    );
  }

  /** A manager's first non-terminated direct reports (0 to 100, the same bound as connections). */
  reportsOf(managerId: string, first: number | null | undefined): Promise<Employee[]> {
    const { take } = pageWindow({ first });
    return this.setup.loaders.reportsByManagerId(take).load(managerId);
  }

  async hire(input: HireEmployeeInput): Promise<EmployeePayload> {
    const name = checkName(input.name, ['input', 'name']);
    const email = checkEmail(input.email, ['input', 'email']);
    const jobTitle = checkJobTitle(input.jobTitle, ['input', 'jobTitle']);
    const salary = salaryFrom(input.salary ?? null);
    const errors = errorsOf(name, email, jobTitle, salary);
    if (input.salary != null && !this.seesCompensation) errors.push(salaryForbidden());
    const departmentId = input.departmentId ?? null;
    const managerId = input.managerId ?? null;
    if (departmentId !== null && !isUuid(departmentId)) errors.push(departmentNotFound());
    if (managerId !== null && !isUuid(managerId)) errors.push(employeeNotFound(['input', 'managerId']));
    if (errors.length > 0 || !name.ok || !email.ok || !jobTitle.ok || !salary.ok) return refused(...errors);

    const result = await this.setup.scope.run(async (tx): Promise<EmployeePayload> => {
      if (departmentId !== null && !(await this.setup.repositories.departments.findById(tx, departmentId)))
        return refused(departmentNotFound());
      if (managerId !== null) {
        const refusal = await this.checkManager(tx, managerId);
        if (refusal) return refused(refusal);
      }
      const employee = await this.setup.repositories.employees.insertIfEmailFree(tx, {
        name: name.value,
        email: email.value,
        jobTitle: jobTitle.value,
        departmentId,
        managerId,
        salaryAmount: salary.value?.amount ?? null,
        salaryCurrency: salary.value?.currency ?? null,
        hiredAt: input.hiredAt ? utcDay(input.hiredAt) : this.setup.today,
      });
      if (!employee) return refused(emailTaken(email.value));
      await this.setup.events.employeeHired(tx, employee);
      return { employee, userErrors: [] };
    });
    return this.remember(result);
  }

  /** Changes the given fields of a non-terminated employee; records hr.employee.updated when anything changed. */
  async update(input: UpdateEmployeeInput): Promise<EmployeePayload> {
    const employeeId = input.employeeId;
    const name = input.name == null ? undefined : checkName(input.name, ['input', 'name']);
    const email = input.email == null ? undefined : checkEmail(input.email, ['input', 'email']);
    const jobTitle = input.jobTitle === undefined ? undefined : checkJobTitle(input.jobTitle, ['input', 'jobTitle']);
    const salary = input.salary === undefined ? undefined : salaryFrom(input.salary);
    const errors = [...(isUuid(employeeId) ? [] : [employeeNotFound()]), ...errorsOf(name, email, jobTitle, salary)];
    if (input.salary !== undefined && !this.seesCompensation) errors.push(salaryForbidden());
    const { departmentId, managerId } = input;
    if (typeof departmentId === 'string' && !isUuid(departmentId)) errors.push(departmentNotFound());
    if (typeof managerId === 'string' && !isUuid(managerId)) errors.push(employeeNotFound(['input', 'managerId']));
    if (typeof managerId === 'string' && managerId === employeeId) errors.push(managerCycle());
    if (errors.length > 0 || name?.ok === false || email?.ok === false || jobTitle?.ok === false || salary?.ok === false) {
      return refused(...errors);
    }

    const work = async (tx: HrTx): Promise<EmployeePayload> => {
      // Reporting lines change one at a time per tenant (taken before any row lock: no deadlock).
      if (typeof managerId === 'string') await this.setup.repositories.employees.lockReportingLines(tx);
      const current = await this.setup.repositories.employees.lock(tx, employeeId, 'update');
      if (!current) return refused(employeeNotFound());
      if (current.terminatedAt !== null) return refused(employeeTerminated(['input', 'employeeId']));
      if (typeof departmentId === 'string' && !(await this.setup.repositories.departments.findById(tx, departmentId))) {
        return refused(departmentNotFound());
      }
      if (typeof managerId === 'string' && managerId !== current.managerId) {
        const refusal = await this.checkManager(tx, managerId, employeeId);
        if (refusal) return refused(refusal);
      }
      if (email && email.value !== current.email && (await this.setup.repositories.employees.emailTaken(tx, email.value, employeeId))) {
        return refused(emailTaken(email.value));
      }
      const change: EmployeeChange = {};
      if (name && name.value !== current.name) change.name = name.value;
      if (email && email.value !== current.email) change.email = email.value;
      if (jobTitle && jobTitle.value !== current.jobTitle) change.jobTitle = jobTitle.value;
      if (departmentId !== undefined && departmentId !== current.departmentId) change.departmentId = departmentId;
      if (managerId !== undefined && managerId !== current.managerId) change.managerId = managerId;
      if (salary && !sameSalary(salary.value, storedSalary(current))) {
        change.salaryAmount = salary.value?.amount ?? null;
        change.salaryCurrency = salary.value?.currency ?? null;
      }
      if (Object.keys(change).length === 0) return { employee: current, userErrors: [] };
      const employee = await this.setup.repositories.employees.update(tx, employeeId, change);
      if (!employee) throw new Error(`employee ${employeeId} locked but not updated`);
      const onLeave = await this.setup.repositories.leaveRequests.isOnLeave(tx, employeeId, this.setup.today);
      await this.setup.events.employeeUpdated(tx, employee, employeeStatus(employee, onLeave));
      return { employee, userErrors: [] };
    };

    try {
      return this.remember(await this.setup.scope.run(work));
    } catch (error) {
      // A concurrent transaction took the email between the check and the update.
      if (email && isUniqueViolation(error)) return refused(emailTaken(email.value));
      throw error;
    }
  }

  /**
   * Terminates an ACTIVE or ON_LEAVE employee (final) on their last day: cancels their open leave,
   * removes them as department head, and records hr.employee.terminated, in one transaction.
   */
  async terminate(input: TerminateEmployeeInput): Promise<EmployeePayload> {
    const lastDay = input.terminatedAt ? utcDay(input.terminatedAt) : this.setup.today;
    const reason = checkText(input.reason, ['input', 'reason'], 'Reason');
    const errors = [...(isUuid(input.employeeId) ? [] : [employeeNotFound()]), ...errorsOf(reason)];
    if (lastDay.getTime() > this.setup.today.getTime()) {
      errors.push(terminationInFuture());
    }
    if (errors.length > 0 || !reason.ok) return refused(...errors);

    const result = await this.setup.scope.run(async (tx): Promise<EmployeePayload> => {
      const current = await this.setup.repositories.employees.lock(tx, input.employeeId, 'update');
      if (!current) return refused(employeeNotFound());
      if (current.terminatedAt !== null) return refused(employeeTerminated(['input', 'employeeId'], 'The employee is already terminated'));
      if (lastDay.getTime() < current.hiredAt.getTime()) {
        return refused(terminationBeforeHire(current.hiredAt));
      }
      const employee = await this.setup.repositories.employees.terminate(tx, current.id, lastDay, reason.value);
      if (!employee) throw new Error(`employee ${current.id} locked but not terminated`);
      await this.setup.repositories.leaveRequests.cancelForTermination(tx, employee.id, lastDay, TERMINATION_NOTE, this.setup.now());
      const departments = await this.setup.repositories.departments.clearHead(tx, employee.id);
      await this.setup.events.employeeTerminated(tx, employee);
      for (const department of departments) this.setup.loaders.departmentById.clear(department.id).prime(department.id, department);
      return { employee, userErrors: [] };
    });
    if (result.employee) {
      this.setup.loaders.leaveRequestsByEmployeeId.clear(result.employee.id);
      this.setup.loaders.onLeaveToday.clear(result.employee.id);
    }
    return this.remember(result);
  }

  /**
   * Why `managerId` cannot be a manager (of `employeeId`, when an existing employee gets one), or
   * null when it can: it must be the tenant's, not terminated, and not below the employee. Locks the
   * manager (share) so it cannot be terminated before the transaction ends.
   */
  private async checkManager(tx: HrTx, managerId: string, employeeId?: string): Promise<UserError | null> {
    const manager = await this.setup.repositories.employees.lock(tx, managerId, 'share');
    if (!manager) return employeeNotFound(['input', 'managerId']);
    if (manager.terminatedAt !== null) return employeeTerminated(['input', 'managerId'], 'A terminated employee cannot be a manager');
    if (employeeId !== undefined && wouldCreateCycle(employeeId, await this.setup.repositories.employees.managerChain(tx, managerId))) {
      return managerCycle();
    }
    return null;
  }

  /** Primes the loader with the employee a mutation returns, so its fields read what was written. */
  private remember(result: EmployeePayload): EmployeePayload {
    if (result.employee) this.setup.loaders.employeeById.clear(result.employee.id).prime(result.employee.id, result.employee);
    return result;
  }
}
