import { COMMON_USER_ERRORS, defineUserErrors } from '@tessera/service-kit';

/**
 * Booking's user-error codes (API: clients branch on them) and the one function that makes its user
 * errors. An id that names nothing in the caller's tenant (another tenant's rows included) is
 * NOT_FOUND, always with the same message.
 */
export const { refuse, catalogue: USER_ERROR_CODES } = defineUserErrors({
  ...COMMON_USER_ERRORS,
  INVALID_TIME: 'A clock time is not "HH:MM" (00:00 to 23:59; "24:00" only as an end).',
  INVALID_INTERVAL: 'An availability interval does not end after it starts.',
  OVERLAPPING_INTERVALS: 'Two availability intervals of one day overlap.',
  INVALID_TIME_ZONE: 'Not an IANA time zone name the platform knows (e.g. Europe/Berlin).',
  IN_THE_PAST: 'The appointment would start in the past.',
  SERVICE_INACTIVE: 'The service is not active: it cannot be booked.',
  SERVICE_NOT_OFFERED: 'The resource does not offer the service.',
  TOO_SHORT_NOTICE: 'The appointment starts sooner than the service’s minimum notice allows.',
  OUTSIDE_AVAILABILITY: 'The resource is not available for the whole appointment.',
  SLOT_TAKEN: 'The resource is already booked at that time (buffers included).',
  NOT_STARTED: 'The appointment has not started yet: it cannot be completed or marked a no-show.',
});

export const serviceNotFound = (field: string[] = ['input', 'serviceId']) => refuse('NOT_FOUND', 'No such service', field);
export const resourceNotFound = (field: string[] = ['input', 'resourceId']) => refuse('NOT_FOUND', 'No such resource', field);
export const appointmentNotFound = () => refuse('NOT_FOUND', 'No such appointment', ['input', 'appointmentId']);

export const slotTaken = () =>
  refuse('SLOT_TAKEN', 'The resource is already booked at that time (buffers included)', ['input', 'startsAt']);
