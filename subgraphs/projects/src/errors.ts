import { COMMON_USER_ERRORS, defineUserErrors } from '@tessera/service-kit';

/** Projects' user-error codes (API: clients branch on them) and the one function that makes its user errors. */
export const { refuse, catalogue: USER_ERROR_CODES } = defineUserErrors({
  ...COMMON_USER_ERRORS,
  INVALID_MINUTES: 'A time entry is not a whole number of minutes from 1 to 1440 (one day).',
  INVALID_DATES: 'A due date is before the start date.',
  DUPLICATE_COLUMN: 'A board already has a column of that name (names are unique on a board, ignoring case).',
  PROJECT_CLOSED: 'The project is COMPLETED or CANCELLED: it takes no new tasks or time.',
  CONFLICT: 'The object changed meanwhile (a concurrent change won); read it again and retry.',
  ALREADY_DONE: 'The milestone is already done.',
  NOT_ASSIGNED: 'The employee is not assigned to the task.',
});

/** An id that names nothing of the caller's tenant (malformed, unknown or another tenant's). */
export const notFound = (what: string, field: string[]) => refuse('NOT_FOUND', `No such ${what}`, field);
export const notAUuid = (field: string[]) => refuse('INVALID', 'Must be a UUID', field);
export const invalidTransition = (what: string, from: string, to: string, field: string[]) =>
  refuse('INVALID_TRANSITION', `A ${from} ${what} cannot become ${to}`, field);
export const conflict = (what: string, field: string[]) => refuse('CONFLICT', `The ${what} changed meanwhile; try again`, field);
export const projectClosed = (status: string, field: string[]) =>
  refuse('PROJECT_CLOSED', `The project is ${status}: it takes no new tasks or time`, field);
export const duplicateColumn = (message: string, field: string[]) => refuse('DUPLICATE_COLUMN', message, field);
export const milestoneAlreadyDone = () => refuse('ALREADY_DONE', 'The milestone is already done', ['input', 'milestoneId']);
export const notAssigned = () => refuse('NOT_ASSIGNED', 'The employee is not assigned to the task', ['input', 'employeeId']);

/** An optional UUID input: given and malformed is an INVALID user error; null/undefined pass through. */
export function malformedId(value: string | null | undefined, field: string[], isUuid: (v: string) => boolean) {
  if (value === null || value === undefined || isUuid(value)) return null;
  return notAUuid(field);
}
