import { COMMON_USER_ERRORS, defineUserErrors } from '@tessera/service-kit';

/**
 * Analytics' user-error codes (API: clients branch on them) and the one function that makes its user
 * errors. Analytics has no mutations: it answers no user errors today; a query's wrong argument (a
 * reversed range, a foreign cursor) is a TesseraError(BAD_USER_INPUT).
 */
export const { refuse, catalogue: USER_ERROR_CODES } = defineUserErrors({
  ...COMMON_USER_ERRORS,
});
