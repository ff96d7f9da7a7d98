import { MANAGERS, type PermissionTable } from '@tessera/service-kit';

/**
 * Payroll's permission table (behaviour 7): pay is set and paid by owners and admins (and integrations'
 * API keys), never by members; pay runs and payslips, which show salaries, are not a member's to read,
 * and a pay profile's salary is hidden from them as HR hides it (issue 12 item 6).
 */
export const permissions: PermissionTable = {
  setCommissionRate: MANAGERS,
  setEmployeeCommissionRate: MANAGERS,
  createPayRun: MANAGERS,
  approvePayRun: MANAGERS,
  markPayRunPaid: MANAGERS,
  cancelPayRun: MANAGERS,
  payRuns: MANAGERS,
  payRun: MANAGERS,
  'Employee.payslips': MANAGERS,
  'PayProfile.yearlySalary': MANAGERS,
};
