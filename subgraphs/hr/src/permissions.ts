import { EVERY_PRINCIPAL, type PermissionTable } from '@tessera/service-kit';

/** HR's permission table (behaviour 7): every principal of the tenant keeps employee records and leave; who may set or see compensation is a rule on the field (domain/employee-status.ts). */
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
};
