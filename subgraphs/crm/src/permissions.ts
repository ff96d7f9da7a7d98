import { EVERY_PRINCIPAL, type PermissionTable } from '@tessera/service-kit';

/** CRM's permission table (behaviour 7): every principal of the tenant works with contacts and deals. */
export const permissions: PermissionTable = {
  createContact: EVERY_PRINCIPAL,
  updateContact: EVERY_PRINCIPAL,
  deleteContact: EVERY_PRINCIPAL,
  createCompany: EVERY_PRINCIPAL,
  createDeal: EVERY_PRINCIPAL,
  updateDealStage: EVERY_PRINCIPAL,
  markDealWon: EVERY_PRINCIPAL,
  markDealLost: EVERY_PRINCIPAL,
};
