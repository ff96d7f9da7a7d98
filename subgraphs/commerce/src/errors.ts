import { COMMON_USER_ERRORS, defineUserErrors } from '@tessera/service-kit';

/** Commerce's user-error codes (API: clients branch on them) and the one function that makes its user errors. */
export const { refuse, catalogue: USER_ERROR_CODES } = defineUserErrors({
  ...COMMON_USER_ERRORS,
  NAME_TAKEN: 'Another stock location of the tenant has this name (ignoring case).',
  SKU_TAKEN: 'Another variant of the tenant has this SKU.',
  NO_PRICE: 'The variant has no price in the order’s currency.',
  INSUFFICIENT_STOCK: 'Not enough units are available (on hand, not reserved) for the change.',
  INVALID_STATUS: 'The order’s status does not allow this transition now.',
});

export type CommerceErrorCode = keyof typeof USER_ERROR_CODES;

/** A reference to something the tenant does not have (or a malformed id). */
export const notFound = (what: string, field: string[]) => refuse('NOT_FOUND', `No such ${what}`, field);
export const orderNotFound = () => notFound('order', ['input', 'orderId']);
export const skuTaken = () => refuse('SKU_TAKEN', 'Another variant has this SKU', ['input', 'sku']);
export const locationNameTaken = () => refuse('NAME_TAKEN', 'Another stock location has this name', ['input', 'name']);
