import { COMMON_USER_ERRORS, defineUserErrors } from '@tessera/service-kit';

/** Invoicing's user-error codes (API: clients branch on them) and the one function that makes its user errors. */
export const { refuse, catalogue: USER_ERROR_CODES } = defineUserErrors({
  ...COMMON_USER_ERRORS,
  INVALID_ID: 'An id the input names (contactId, dealId) is not a well-formed id.',
  INVALID_METHOD: 'The payment method is longer than 100 characters.',
  INVALID_REASON: 'A credit note’s reason is blank or longer than 500 characters.',
  LINES_REQUIRED: 'A document needs at least one line.',
  TOO_MANY_LINES: 'A document has at most 200 lines.',
  INVALID_DESCRIPTION: 'A line’s description is blank or longer than 500 characters.',
  INVALID_QUANTITY: 'A line’s quantity is not above 0, or has more than 4 decimals or 15 integer digits.',
  INVALID_UNIT_PRICE: 'A line’s unit price is negative, or has more than 4 decimals or 15 integer digits.',
  INVALID_TAX_RATE: 'A line’s tax rate is not a percentage between 0 and 100 with at most 4 decimals.',
  AMOUNT_TOO_LARGE: 'The document’s total is 10^15 or more.',
  INVOICE_NOT_DRAFT: 'Only a DRAFT invoice can be changed or sent.',
  INVOICE_NOT_PAYABLE: 'A DRAFT or VOID invoice cannot be paid.',
  CURRENCY_MISMATCH: 'The payment is not in the invoice’s currency.',
  OVERPAYMENT: 'The payment exceeds what is still due on the invoice.',
  INVOICE_NOT_VOIDABLE: 'Only a SENT invoice without payments or credit notes can be voided.',
  INVOICE_NOT_CREDITABLE: 'Only a SENT, PARTIALLY_PAID or PAID invoice can be credited.',
  CREDIT_EXCEEDS_INVOICE: 'The credit note would credit more than the invoice’s total not yet credited.',
});

export const invoiceNotFound = () => refuse('NOT_FOUND', 'No such invoice', ['input', 'invoiceId']);

export const invalidId = (field: 'contactId' | 'dealId') => refuse('INVALID_ID', `${field} is not a valid id`, ['input', field]);

export const invalidCurrency = () => refuse('INVALID_CURRENCY', 'Currency must be an ISO 4217 code, e.g. EUR', ['input', 'currency']);

export const invoiceNotDraft = (status: string) =>
  refuse('INVOICE_NOT_DRAFT', `The invoice is ${status}; only a DRAFT invoice can be changed or sent`, ['input', 'invoiceId']);

export const invoiceNotPayable = (status: string) =>
  refuse('INVOICE_NOT_PAYABLE', `A ${status} invoice cannot be paid`, ['input', 'invoiceId']);

export const invoiceNotVoidable = () =>
  refuse('INVOICE_NOT_VOIDABLE', 'Only a sent invoice without payments or credit notes can be voided', ['input', 'invoiceId']);

export const invoiceNotCreditable = (status: string) =>
  refuse('INVOICE_NOT_CREDITABLE', `A ${status} invoice cannot be credited; only sent invoices can`, ['input', 'invoiceId']);
