import { userError, type UserError } from '@tessera/service-kit';

export const vehicleNotFound = (field: string[] = ['input', 'vehicleId']): UserError => userError('NOT_FOUND', 'No such vehicle', field);
export const vehicleRetired = (field: string[] = ['input', 'vehicleId']): UserError =>
  userError('VEHICLE_RETIRED', 'The vehicle is retired; nothing more can be recorded for it', field);
export const plateTaken = (): UserError => userError('PLATE_TAKEN', 'Another vehicle already has this plate', ['input', 'plate']);
export const vinTaken = (): UserError => userError('VIN_TAKEN', 'Another vehicle already has this VIN', ['input', 'vin']);
export const odometerBackwards = (current: number, field: string[]): UserError =>
  userError(
    'ODOMETER_BACKWARDS',
    `The reading is below the vehicle's current odometer (${current}); odometer readings never go back`,
    field,
  );
