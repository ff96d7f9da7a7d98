import { EVERY_PRINCIPAL, type PermissionTable } from '@tessera/service-kit';

/** Booking's permission table (behaviour 7): every principal of the tenant runs its calendar. */
export const permissions: PermissionTable = {
  createService: EVERY_PRINCIPAL,
  updateService: EVERY_PRINCIPAL,
  createResource: EVERY_PRINCIPAL,
  setResourceServices: EVERY_PRINCIPAL,
  setWeeklyAvailability: EVERY_PRINCIPAL,
  setDateOverride: EVERY_PRINCIPAL,
  removeDateOverride: EVERY_PRINCIPAL,
  requestAppointment: EVERY_PRINCIPAL,
  confirmAppointment: EVERY_PRINCIPAL,
  completeAppointment: EVERY_PRINCIPAL,
  markNoShow: EVERY_PRINCIPAL,
  cancelAppointment: EVERY_PRINCIPAL,
};
