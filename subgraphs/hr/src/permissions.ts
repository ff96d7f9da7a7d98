import { EVERY_PRINCIPAL, MANAGERS, type PermissionTable } from '@tessera/service-kit';

/** HR's permission table (behaviour 7): every principal of the tenant keeps employee records and leave; salaries are owners' and admins' (and API keys') to see and set. */
export const permissions: PermissionTable = {
  hireEmployee: EVERY_PRINCIPAL,
  updateEmployee: EVERY_PRINCIPAL,
  terminateEmployee: EVERY_PRINCIPAL,
  createDepartment: EVERY_PRINCIPAL,
  updateDepartment: EVERY_PRINCIPAL,
  requestLeave: EVERY_PRINCIPAL,
  approveLeave: EVERY_PRINCIPAL,
  rejectLeave: EVERY_PRINCIPAL,
  cancelLeave: EVERY_PRINCIPAL,
  // Hidden (null) for everyone else; the service refuses setting it to them too.
  'Employee.compensation': MANAGERS,
};
