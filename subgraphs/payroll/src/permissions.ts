import { MANAGERS, type PermissionTable } from '@tessera/service-kit';

/** Payroll's permission table (behaviour 7): pay is set and paid by owners and admins (and integrations' API keys), never by members. */
export const permissions: PermissionTable = {
  setCommissionRate: MANAGERS,
  setEmployeeCommissionRate: MANAGERS,
  createPayRun: MANAGERS,
  approvePayRun: MANAGERS,
  markPayRunPaid: MANAGERS,
  cancelPayRun: MANAGERS,
};
