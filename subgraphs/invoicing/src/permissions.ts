import { EVERY_PRINCIPAL, type PermissionTable } from '@tessera/service-kit';

/** Invoicing's permission table (behaviour 7): every principal of the tenant bills and records payments. */
export const permissions: PermissionTable = {
  createInvoice: EVERY_PRINCIPAL,
  updateDraftInvoice: EVERY_PRINCIPAL,
  sendInvoice: EVERY_PRINCIPAL,
  recordPayment: EVERY_PRINCIPAL,
  voidInvoice: EVERY_PRINCIPAL,
  createCreditNote: EVERY_PRINCIPAL,
};
