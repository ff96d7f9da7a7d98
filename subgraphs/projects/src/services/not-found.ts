import { userError, type UserError } from '@tessera/service-kit';

/** The user error of an id that names nothing of the caller's tenant (malformed, unknown or another tenant's). */
export const notFound = (what: string, field: string[]): UserError => userError('NOT_FOUND', `No such ${what}`, field);

/** An optional UUID input: given and malformed is an INVALID user error; null/undefined pass through. */
export function malformedId(value: string | null | undefined, field: string[], isUuid: (v: string) => boolean): UserError | null {
  if (value === null || value === undefined || isUuid(value)) return null;
  return userError('INVALID', 'Must be a UUID', field);
}
