import { EVERY_PRINCIPAL, MANAGERS, PEOPLE_MANAGERS, type PermissionTable, type Principal } from '@tessera/service-kit';

/** POS's permission table (behaviour 7): owners and admins set up registers; every principal runs the till. */
export const permissions: PermissionTable = {
  createRegister: MANAGERS,
  openSession: EVERY_PRINCIPAL,
  startClosingSession: EVERY_PRINCIPAL,
  closeSession: EVERY_PRINCIPAL,
  submitSale: EVERY_PRINCIPAL,
  voidSale: EVERY_PRINCIPAL,
};

/**
 * Who may sell at another price than the catalogue's (issue 12): owners and admins, never a member at
 * the till or an integration's key. The sale records the reason and the user.
 */
export const MANUAL_PRICE: readonly Principal[] = PEOPLE_MANAGERS;
