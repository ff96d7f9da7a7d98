import { toDecimal, toMoney } from '@tessera/service-kit';
import type {
  EmployeeResolvers,
  FuelLogResolvers,
  MaintenanceLogResolvers,
  ServiceReminderResolvers,
  TripResolvers,
  VehicleResolvers,
} from '../generated/graphql.js';
import { bound, type FleetContext } from '../context.js';

/** HR's employee, extended: any id resolves (HR owns existence); unknown or foreign ids simply drive nothing here. */
export const Employee: EmployeeResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  assignedVehicles: (employee, _args, context) => bound(context).vehicles.assignedVehicles(employee.id),
};

export const Vehicle: VehicleResolvers = {
  __resolveReference: (reference, context) => bound(context).loaders.vehicleById.load(reference.id),
  drivers: async (vehicle, _args, context) => (await bound(context).vehicles.driverIds(vehicle.id)).map((id) => ({ id })),
  serviceReminders: (vehicle, _args, context) => bound(context).reminders.ofVehicle(vehicle.id),
  nextService: (vehicle, _args, context) => bound(context).reminders.next(vehicle.id, vehicle.odometer),
  totalCost: (vehicle, { range }, context) => bound(context).vehicles.totalCost(vehicle, range),
};

/** A logged record's vehicle: always the tenant's own (composite foreign key). */
const vehicleOf = <T extends { vehicleId: string }>(record: T, context: FleetContext) =>
  bound(context)
    .loaders.vehicleById.load(record.vehicleId)
    .then((vehicle) => {
      if (!vehicle) throw new Error(`vehicle ${record.vehicleId} of a record is missing`);
      return vehicle;
    });

export const Trip: TripResolvers = {
  vehicle: (trip, _args, context) => vehicleOf(trip, context),
  driver: (trip) => ({ id: trip.driverId }),
  distance: (trip) => trip.endOdometer - trip.startOdometer,
  unit: async (trip, _args, context) => (await vehicleOf(trip, context)).odometerUnit,
};

export const FuelLog: FuelLogResolvers = {
  vehicle: (log, _args, context) => vehicleOf(log, context),
  quantity: (log) => toDecimal(log.quantity),
  cost: (log) => toMoney(log.cost, log.currency),
};

export const MaintenanceLog: MaintenanceLogResolvers = {
  vehicle: (log, _args, context) => vehicleOf(log, context),
  cost: (log) => toMoney(log.cost, log.currency),
};

export const ServiceReminder: ServiceReminderResolvers = {
  vehicle: (reminder, _args, context) => vehicleOf(reminder, context),
  remainingDistance: (reminder, _args, context) => bound(context).reminders.remainingDistance(reminder),
  isDue: (reminder, _args, context) => bound(context).reminders.isDue(reminder),
};
