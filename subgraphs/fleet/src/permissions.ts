import { EVERY_PRINCIPAL, type PermissionTable } from '@tessera/service-kit';

/** Fleet's permission table (behaviour 7): every principal of the tenant runs the vehicles. */
export const permissions: PermissionTable = {
  createVehicle: EVERY_PRINCIPAL,
  updateVehicle: EVERY_PRINCIPAL,
  retireVehicle: EVERY_PRINCIPAL,
  assignDriver: EVERY_PRINCIPAL,
  unassignDriver: EVERY_PRINCIPAL,
  recordTrip: EVERY_PRINCIPAL,
  logFuel: EVERY_PRINCIPAL,
  logMaintenance: EVERY_PRINCIPAL,
  setServiceReminder: EVERY_PRINCIPAL,
};
