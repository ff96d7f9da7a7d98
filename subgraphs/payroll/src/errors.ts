import { COMMON_USER_ERRORS, defineUserErrors, isoDay } from '@tessera/service-kit';

/** Payroll's user-error codes (API: clients branch on them) and the one function that makes its user errors. */
export const { refuse, catalogue: USER_ERROR_CODES } = defineUserErrors({
  ...COMMON_USER_ERRORS,
  INVALID_RATE: 'A commission rate is not a percentage from 0 to 100 with at most 4 decimals.',
  INVALID_PERIOD: 'A pay run period ends before it starts or covers more than 366 days.',
  PAY_RUN_OVERLAP: 'A pay run in the currency that is not cancelled already covers a day of the period.',
  PAY_RUN_NOT_DRAFT: 'Only a DRAFT pay run can be approved or cancelled; this one is in another state.',
  PAY_RUN_NOT_APPROVED: 'Only an APPROVED pay run can be marked paid; this one is in another state.',
});

/** The states a pay run transition starts from, with the code that refuses a run in any other. */
const NOT_IN_STATE = { DRAFT: 'PAY_RUN_NOT_DRAFT', APPROVED: 'PAY_RUN_NOT_APPROVED' } as const;
export type TransitionSource = keyof typeof NOT_IN_STATE;

export const payRunNotFound = () => refuse('NOT_FOUND', 'No such pay run', ['input', 'payRunId']);
export const payProfileNotFound = () => refuse('NOT_FOUND', 'No pay profile for this employee', ['input', 'employeeId']);
export const invalidCurrency = () => refuse('INVALID_CURRENCY', 'Currency must be an ISO 4217 code', ['input', 'currency']);
export const invalidRate = (maxDecimals: number, field: string[]) =>
  refuse('INVALID_RATE', `Rate must be a percentage from 0 to 100 with at most ${maxDecimals} decimals`, field);
export const invalidPeriod = (message: string, field: string[]) => refuse('INVALID_PERIOD', message, field);
export const payRunOverlap = (other: { periodStart: Date; periodEnd: Date }) =>
  refuse(
    'PAY_RUN_OVERLAP',
    `A pay run in this currency already covers ${isoDay(other.periodStart)} to ${isoDay(other.periodEnd)}; cancel it first`,
    ['input', 'periodStart'],
  );
export const payRunNotIn = (from: TransitionSource, status: string) =>
  refuse(NOT_IN_STATE[from], `The pay run is ${status}; only a ${from} pay run can be changed this way`, ['input', 'payRunId']);
