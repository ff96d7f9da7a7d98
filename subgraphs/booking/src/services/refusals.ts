import { userError, type UserError } from '@tessera/service-kit';

/**
 * The user errors booking answers with. An id that names nothing in the caller's tenant (another
 * tenant's rows included) is NOT_FOUND, always with the same message.
 */
export const serviceNotFound = (field: string[] = ['input', 'serviceId']): UserError => userError('NOT_FOUND', 'No such service', field);
export const resourceNotFound = (field: string[] = ['input', 'resourceId']): UserError => userError('NOT_FOUND', 'No such resource', field);
export const appointmentNotFound = (): UserError => userError('NOT_FOUND', 'No such appointment', ['input', 'appointmentId']);

export const slotTaken = (): UserError =>
  userError('SLOT_TAKEN', 'The resource is already booked at that time (buffers included)', ['input', 'startsAt']);
