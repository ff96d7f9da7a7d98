import { EVERY_PRINCIPAL, MANAGERS, type PermissionTable } from '@tessera/service-kit';

/** POS's permission table (behaviour 7): owners and admins set up registers; every principal runs the till. */
export const permissions: PermissionTable = {
  createRegister: MANAGERS,
  openSession: EVERY_PRINCIPAL,
  startClosingSession: EVERY_PRINCIPAL,
  closeSession: EVERY_PRINCIPAL,
  submitSale: EVERY_PRINCIPAL,
  voidSale: EVERY_PRINCIPAL,
};
