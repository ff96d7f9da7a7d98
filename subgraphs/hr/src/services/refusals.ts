import { userError, type UserError } from '@tessera/service-kit';

/**
 * The user errors HR answers with. An id that names nothing in the caller's tenant (another
 * tenant's rows included) is NOT_FOUND, always with the same message.
 */
export const employeeNotFound = (field: string[] = ['input', 'employeeId']): UserError => userError('NOT_FOUND', 'No such employee', field);
export const departmentNotFound = (field: string[] = ['input', 'departmentId']): UserError =>
  userError('NOT_FOUND', 'No such department', field);
export const leaveRequestNotFound = (): UserError => userError('NOT_FOUND', 'No such leave request', ['input', 'leaveRequestId']);

export const emailTaken = (email: string): UserError =>
  userError('EMAIL_TAKEN', `Another employee already has the email ${email}`, ['input', 'email']);
export const departmentNameTaken = (name: string): UserError =>
  userError('DEPARTMENT_NAME_TAKEN', `A department named "${name}" already exists`, ['input', 'name']);

/** The employee at `field` is terminated: they can no longer change, lead, manage or take leave. */
export const employeeTerminated = (field: string[], message = 'The employee is terminated'): UserError =>
  userError('EMPLOYEE_TERMINATED', message, field);

export const managerCycle = (): UserError =>
  userError('MANAGER_CYCLE', 'The manager reports to this employee (directly or not): reporting lines cannot loop', ['input', 'managerId']);

export const salaryForbidden = (): UserError => userError('FORBIDDEN', 'Only owners and admins may set compensation', ['input', 'salary']);
