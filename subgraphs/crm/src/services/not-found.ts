import { userError, type UserError } from '@tessera/service-kit';

/** The user errors for an input id that names nothing in the caller's tenant (another tenant's rows included). */
export const contactNotFound = (): UserError => userError('NOT_FOUND', 'No such contact', ['input', 'contactId']);
export const dealNotFound = (): UserError => userError('NOT_FOUND', 'No such deal', ['input', 'dealId']);
