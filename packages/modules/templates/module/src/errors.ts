import { COMMON_USER_ERRORS, defineUserErrors } from '@tessera/service-kit';

/** __Title__'s user-error codes (API: clients branch on them) and the one function that makes its user errors. */
export const { refuse, catalogue: USER_ERROR_CODES } = defineUserErrors({
  ...COMMON_USER_ERRORS,
});

export const itemNotFound = () => refuse('NOT_FOUND', 'No such item', ['input', 'id']);
