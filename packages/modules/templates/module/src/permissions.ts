import { EVERY_PRINCIPAL, type PermissionTable } from '@tessera/service-kit';

/**
 * __Title__'s permission table (behaviour 7): every mutation names who may call it (EVERY_PRINCIPAL,
 * MANAGERS or PEOPLE_MANAGERS from @tessera/service-kit); the module does not start while one is missing.
 */
export const permissions: PermissionTable = {
  create__Entity__: EVERY_PRINCIPAL,
};
