import { COMMON_USER_ERRORS, defineUserErrors } from '@tessera/service-kit';

/** Fleet's user-error codes (API: clients branch on them) and the one function that makes its user errors. */
export const { refuse, catalogue: USER_ERROR_CODES } = defineUserErrors({
  ...COMMON_USER_ERRORS,
  INVALID_PLATE: 'Not a licence plate: 1 to 15 letters or digits, optionally separated by spaces or hyphens.',
  INVALID_VIN: 'Not a VIN: 17 letters or digits without I, O or Q, with the check digit of North-American VINs.',
  INVALID_YEAR: 'The model year is before 1886 or after next year.',
  INVALID_STATUS: 'The status cannot be set this way (RETIRED only through retireVehicle).',
  INVALID_SERVICE_KIND: 'Not a service kind: 1 to 50 letters, digits, spaces, _ or -.',
  PLATE_TAKEN: 'Another vehicle of the tenant has this plate (compared without spaces and hyphens).',
  VIN_TAKEN: 'Another vehicle of the tenant has this VIN.',
  VEHICLE_RETIRED: 'The vehicle is retired; nothing more can be recorded for it.',
  VEHICLE_IN_SERVICE: 'The vehicle is in service; trips cannot be recorded until it is ACTIVE again.',
  ODOMETER_BACKWARDS: 'The reading is below the vehicle’s current odometer (or a trip ends below its start); readings never go back.',
  CURRENCY_MISMATCH: 'Costs of a vehicle are recorded in its currency only.',
  DRIVER_NOT_ASSIGNED: 'The driver is not assigned to the vehicle.',
  NOT_ASSIGNED: 'The employee is not assigned to the vehicle.',
});

export const vehicleNotFound = (field: string[] = ['input', 'vehicleId']) => refuse('NOT_FOUND', 'No such vehicle', field);
export const vehicleRetired = (field: string[] = ['input', 'vehicleId']) =>
  refuse('VEHICLE_RETIRED', 'The vehicle is retired; nothing more can be recorded for it', field);
export const vehicleInService = () =>
  refuse('VEHICLE_IN_SERVICE', 'The vehicle is in service; trips cannot be recorded until it is ACTIVE again', ['input', 'vehicleId']);
export const plateTaken = () => refuse('PLATE_TAKEN', 'Another vehicle already has this plate', ['input', 'plate']);
export const vinTaken = () => refuse('VIN_TAKEN', 'Another vehicle already has this VIN', ['input', 'vin']);
export const odometerBackwards = (current: number, field: string[]) =>
  refuse('ODOMETER_BACKWARDS', `The reading is below the vehicle's current odometer (${current}); odometer readings never go back`, field);
