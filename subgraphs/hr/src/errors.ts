import { COMMON_USER_ERRORS, defineUserErrors, isoDay } from '@tessera/service-kit';

/** HR's user-error codes (API: clients branch on them) and the one function that makes its user errors. */
export const { refuse, catalogue: USER_ERROR_CODES } = defineUserErrors({
  ...COMMON_USER_ERRORS,
  EMAIL_TAKEN: 'Another employee of the tenant already has this work email (emails are unique ignoring case).',
  DEPARTMENT_NAME_TAKEN: 'The tenant already has a department of that name (names are unique ignoring case and surrounding spaces).',
  EMPLOYEE_TERMINATED: 'The employee is terminated (final): they can no longer change, lead a department, manage anyone or take leave.',
  MANAGER_CYCLE: 'The proposed manager reports to the employee, directly or not: reporting lines cannot loop.',
  INVALID_DATE: 'A date is out of the range the change allows (a termination in the future or before the hire date).',
  INVALID_DATE_RANGE: 'A leave range ends before it starts, spans more than 366 days, or starts before the hire date.',
  LEAVE_OVERLAP: 'The employee already has REQUESTED or APPROVED leave on some of these days.',
});

/**
 * An id that names nothing in the caller's tenant (another tenant's rows and malformed ids
 * included): NOT_FOUND, always with the same message.
 */
export const employeeNotFound = (field: string[] = ['input', 'employeeId']) => refuse('NOT_FOUND', 'No such employee', field);
export const departmentNotFound = (field: string[] = ['input', 'departmentId']) => refuse('NOT_FOUND', 'No such department', field);
export const leaveRequestNotFound = () => refuse('NOT_FOUND', 'No such leave request', ['input', 'leaveRequestId']);

export const emailTaken = (email: string) => refuse('EMAIL_TAKEN', `Another employee already has the email ${email}`, ['input', 'email']);
export const departmentNameTaken = (name: string) =>
  refuse('DEPARTMENT_NAME_TAKEN', `A department named "${name}" already exists`, ['input', 'name']);

/** The employee at `field` is terminated: they can no longer change, lead, manage or take leave. */
export const employeeTerminated = (field: string[], message = 'The employee is terminated') =>
  refuse('EMPLOYEE_TERMINATED', message, field);

export const managerCycle = () =>
  refuse('MANAGER_CYCLE', 'The manager reports to this employee (directly or not): reporting lines cannot loop', ['input', 'managerId']);

export const salaryForbidden = () => refuse('FORBIDDEN', 'Only owners and admins may set compensation', ['input', 'salary']);

export const terminationInFuture = () =>
  refuse('INVALID_DATE', 'terminatedAt cannot be in the future: terminate on or after the last day', ['input', 'terminatedAt']);
export const terminationBeforeHire = (hiredAt: Date) =>
  refuse('INVALID_DATE', `terminatedAt cannot be before the hire date, ${isoDay(hiredAt)}`, ['input', 'terminatedAt']);

/** The employee's live leave that shares a day with the requested one. */
export const leaveOverlap = (other: { startDate: Date; endDate: Date; status: string }) =>
  refuse('LEAVE_OVERLAP', `The employee already has ${other.status} leave from ${isoDay(other.startDate)} to ${isoDay(other.endDate)}`, [
    'input',
    'startDate',
  ]);
/** The exclusion constraint refused an overlap the locked check did not see. */
export const leaveOverlapSomeDays = () =>
  refuse('LEAVE_OVERLAP', 'The employee already has leave on some of these days', ['input', 'startDate']);

export const invalidTransition = (message: string) => refuse('INVALID_TRANSITION', message, ['input', 'leaveRequestId']);
