import { COMMON_USER_ERRORS, defineUserErrors } from '@tessera/service-kit';

/** POS's user-error codes (API: clients branch on them) and the one function that makes its user errors. */
export const { refuse, catalogue: USER_ERROR_CODES } = defineUserErrors({
  ...COMMON_USER_ERRORS,
  SESSION_ALREADY_OPEN: 'The register already has an OPEN or CLOSING session; close it first.',
  INVALID_STATE: 'The session’s status does not allow this step now (the message says which it needs).',
  NO_OPEN_SESSION: 'The register has no OPEN session to ring up a sale in.',
  SESSION_NOT_OPEN: 'A sale can only be voided while its session is OPEN.',
  ALREADY_VOIDED: 'The sale is already voided.',
  IDEMPOTENCY_KEY_REUSED: 'The idempotency key was already used for a different sale at this register.',
  CARD_EXCEEDS_AMOUNT_DUE: 'Card payments exceed the amount due (only cash can be given change).',
  INSUFFICIENT_PAYMENT: 'The payments do not cover the amount due.',
  UNKNOWN_VARIANT: 'The variant is not in the catalogue POS follows (commerce’s): add it in commerce first.',
  NO_PRICE: 'The variant has no catalogue price in the register’s currency.',
  MANUAL_PRICE_FORBIDDEN: 'Only an owner or admin may sell at another price than the catalogue’s.',
  PRICE_REASON_REQUIRED: 'A manual price needs a reason.',
});

export const registerNotFound = (field: string[] = ['input', 'registerId']) => refuse('NOT_FOUND', 'No such register', field);
export const sessionNotFound = (field: string[] = ['input', 'sessionId']) => refuse('NOT_FOUND', 'No such session', field);
export const saleNotFound = (field: string[] = ['input', 'saleId']) => refuse('NOT_FOUND', 'No such sale', field);
export const sessionAlreadyOpen = () =>
  refuse('SESSION_ALREADY_OPEN', 'The register already has an OPEN or CLOSING session; close it first', ['input', 'registerId']);
export const idempotencyKeyReused = () =>
  refuse('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for a different sale', ['input', 'idempotencyKey']);
export const alreadyVoided = () => refuse('ALREADY_VOIDED', 'The sale is already voided', ['input', 'saleId']);
