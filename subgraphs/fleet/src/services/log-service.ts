import {
  type Connection,
  Decimal,
  ErrorCode,
  isUuid,
  listPage,
  type PageArgs,
  roundToMinorUnit,
  TesseraError,
  type UserError,
  errorsOf,
  invalid,
  valid,
  type Checked,
} from '@tessera/service-kit';
import type { TenantScope } from '@tessera/prisma';
import type { FuelLog, MaintenanceLog, Trip, Vehicle, VehicleStatus } from '../generated/prisma/client.js';
import type { LogFuelInput, LogMaintenanceInput, MoneyInput, RecordTripInput } from '../generated/graphql.js';
import type { FleetTx } from '../db.js';
import type { FleetLoaders } from '../loaders.js';
import type { Repositories } from '../repositories/index.js';
import { checkServiceKind, dueOf } from '../domain/service-schedule.js';
import { checkCurrency, checkReading } from '../domain/vehicle-fields.js';
import { odometerBackwards, refuse, vehicleInService, vehicleNotFound, vehicleRetired } from '../errors.js';
import type { FleetEvents } from '../events/fleet-events.js';

export interface RecordTripPayload {
  trip: Trip | null;
  userErrors: UserError[];
}
export interface LogFuelPayload {
  fuelLog: FuelLog | null;
  userErrors: UserError[];
}
export interface LogMaintenancePayload {
  maintenanceLog: MaintenanceLog | null;
  userErrors: UserError[];
}

/** A refusal found inside a transaction: thrown to roll it back, turned into user errors outside. */
class Refused extends Error {
  constructor(readonly errors: UserError[]) {
    super('refused');
  }
}

const MAX_DESCRIPTION = 2000;
const NOT_RETIRED: VehicleStatus[] = ['ACTIVE', 'IN_SERVICE'];

/** A cost: an amount of 0 or more in the vehicle's currency, rounded half-up to the currency's minor unit. */
function checkCost(cost: MoneyInput, vehicle: Vehicle, field: string[]): Checked<string> {
  const currency = checkCurrency(cost.currency, [...field, 'currency']);
  if (!currency.ok) return currency;
  if (currency.value !== vehicle.currency) {
    return invalid(refuse('CURRENCY_MISMATCH', `Costs of this vehicle are recorded in ${vehicle.currency}`, [...field, 'currency']));
  }
  const amount = new Decimal(cost.amount);
  if (amount.isNegative()) return invalid(refuse('INVALID', 'A cost cannot be negative', [...field, 'amount']));
  return valid(roundToMinorUnit(amount, vehicle.currency).toFixed());
}

/**
 * Trips, refuellings and maintenance: each advances the vehicle's odometer with one conditional
 * UPDATE in the transaction that records it, so readings never go back, even under concurrent
 * submissions for one vehicle.
 */
export class LogService {
  constructor(
    private readonly scope: TenantScope<FleetTx>,
    private readonly repositories: Repositories,
    private readonly loaders: FleetLoaders,
    private readonly events: FleetEvents,
  ) {}

  trips(vehicleId: string, args: PageArgs): Promise<Connection<Trip>> {
    return listPage(args, (window) =>
      isUuid(vehicleId)
        ? this.scope.run((tx) => this.repositories.logs.tripPage(tx, vehicleId, window))
        : Promise.resolve({ rows: [], totalCount: 0 }),
    );
  }

  fuelLogs(vehicleId: string, args: PageArgs): Promise<Connection<FuelLog>> {
    return listPage(args, (window) =>
      isUuid(vehicleId)
        ? this.scope.run((tx) => this.repositories.logs.fuelPage(tx, vehicleId, window))
        : Promise.resolve({ rows: [], totalCount: 0 }),
    );
  }

  maintenanceLogs(vehicleId: string, args: PageArgs): Promise<Connection<MaintenanceLog>> {
    return listPage(args, (window) =>
      isUuid(vehicleId)
        ? this.scope.run((tx) => this.repositories.logs.maintenancePage(tx, vehicleId, window))
        : Promise.resolve({ rows: [], totalCount: 0 }),
    );
  }

  async recordTrip(input: RecordTripInput): Promise<RecordTripPayload> {
    const start = checkReading(input.startOdometer, ['input', 'startOdometer']);
    const end = checkReading(input.endOdometer, ['input', 'endOdometer']);
    const errors = errorsOf(start, end);
    if (!isUuid(input.driverId)) errors.push(refuse('INVALID', 'The driver id must be a UUID', ['input', 'driverId']));
    if (start.ok && end.ok && end.value < start.value) {
      errors.push(refuse('ODOMETER_BACKWARDS', 'The end reading cannot be below the start reading', ['input', 'endOdometer']));
    }
    if (input.endedAt.getTime() < input.startedAt.getTime()) {
      errors.push(refuse('INVALID', 'A trip cannot end before it starts', ['input', 'endedAt']));
    }
    if (!isUuid(input.vehicleId)) errors.unshift(vehicleNotFound());
    if (errors.length > 0 || !start.ok || !end.ok) return { trip: null, userErrors: errors };
    try {
      const { trip, vehicle } = await this.scope.run(async (tx) => {
        const vehicle = await this.usableVehicle(tx, input.vehicleId, ['ACTIVE']);
        if (!(await this.repositories.assignments.isAssigned(tx, vehicle.id, input.driverId))) {
          throw new Refused([refuse('DRIVER_NOT_ASSIGNED', 'The driver is not assigned to this vehicle', ['input', 'driverId'])]);
        }
        const advanced = await this.advance(tx, vehicle.id, start.value, end.value, ['ACTIVE'], ['input', 'startOdometer']);
        const trip = await this.repositories.logs.createTrip(tx, {
          vehicleId: vehicle.id,
          driverId: input.driverId,
          startedAt: input.startedAt,
          endedAt: input.endedAt,
          startOdometer: start.value,
          endOdometer: end.value,
        });
        await this.events.tripRecorded(tx, trip, advanced);
        return { trip, vehicle: advanced };
      });
      this.loaders.vehicleById.clear(vehicle.id).prime(vehicle.id, vehicle);
      return { trip, userErrors: [] };
    } catch (error) {
      if (error instanceof Refused) return { trip: null, userErrors: error.errors };
      throw error;
    }
  }

  async logFuel(input: LogFuelInput): Promise<LogFuelPayload> {
    const reading = checkReading(input.odometer, ['input', 'odometer']);
    const errors = errorsOf(reading);
    const quantity = new Decimal(input.quantity);
    if (quantity.lte(0) || quantity.decimalPlaces() > 3 || quantity.gte(1e9)) {
      errors.push(refuse('INVALID', 'The quantity must be above 0, with at most 3 decimals', ['input', 'quantity']));
    }
    if (!isUuid(input.vehicleId)) errors.unshift(vehicleNotFound());
    if (errors.length > 0 || !reading.ok) return { fuelLog: null, userErrors: errors };
    try {
      const { fuelLog, vehicle } = await this.scope.run(async (tx) => {
        const vehicle = await this.usableVehicle(tx, input.vehicleId, NOT_RETIRED);
        const cost = checkCost(input.cost, vehicle, ['input', 'cost']);
        if (!cost.ok) throw new Refused(cost.errors);
        const advanced = await this.advance(tx, vehicle.id, reading.value, reading.value, NOT_RETIRED, ['input', 'odometer']);
        const fuelLog = await this.repositories.logs.createFuelLog(tx, {
          vehicleId: vehicle.id,
          date: input.date,
          quantity: quantity.toFixed(),
          unit: input.unit,
          cost: cost.value,
          currency: vehicle.currency,
          odometer: reading.value,
        });
        await this.events.costRecorded(tx, 'FUEL', fuelLog);
        return { fuelLog, vehicle: advanced };
      });
      this.loaders.vehicleById.clear(vehicle.id).prime(vehicle.id, vehicle);
      return { fuelLog, userErrors: [] };
    } catch (error) {
      if (error instanceof Refused) return { fuelLog: null, userErrors: error.errors };
      throw error;
    }
  }

  async logMaintenance(input: LogMaintenanceInput): Promise<LogMaintenancePayload> {
    const reading = checkReading(input.odometer, ['input', 'odometer']);
    const description = input.description.trim();
    const kind =
      input.serviceKind == null || input.serviceKind.trim() === ''
        ? undefined
        : checkServiceKind(input.serviceKind, ['input', 'serviceKind']);
    const errors = errorsOf(reading, kind);
    if (description.length === 0 || description.length > MAX_DESCRIPTION) {
      errors.push(refuse('INVALID', `The description must be 1 to ${MAX_DESCRIPTION} characters`, ['input', 'description']));
    }
    if (!isUuid(input.vehicleId)) errors.unshift(vehicleNotFound());
    if (errors.length > 0 || !reading.ok) return { maintenanceLog: null, userErrors: errors };
    try {
      const { maintenanceLog, vehicle } = await this.scope.run(async (tx) => {
        const vehicle = await this.usableVehicle(tx, input.vehicleId, NOT_RETIRED);
        const cost = checkCost(input.cost, vehicle, ['input', 'cost']);
        if (!cost.ok) throw new Refused(cost.errors);
        const advanced = await this.advance(tx, vehicle.id, reading.value, reading.value, NOT_RETIRED, ['input', 'odometer']);
        const serviceKind = kind?.ok ? kind.value : null;
        const maintenanceLog = await this.repositories.logs.createMaintenanceLog(tx, {
          vehicleId: vehicle.id,
          date: input.date,
          description,
          serviceKind,
          cost: cost.value,
          currency: vehicle.currency,
          odometer: reading.value,
        });
        if (serviceKind) {
          // Completing a service of a reminder's kind restarts the reminder from this log.
          const reminder = await this.repositories.reminders.findOne(tx, vehicle.id, serviceKind);
          if (reminder) {
            const schedule = {
              everyDistance: reminder.everyDistance,
              everyMonths: reminder.everyMonths,
              lastServiceDate: input.date,
              lastServiceOdometer: reading.value,
            };
            await this.repositories.reminders.upsert(tx, vehicle.id, serviceKind, { ...schedule, ...dueOf(schedule) });
          }
        }
        await this.events.costRecorded(tx, 'MAINTENANCE', maintenanceLog);
        return { maintenanceLog, vehicle: advanced };
      });
      this.loaders.vehicleById.clear(vehicle.id).prime(vehicle.id, vehicle);
      return { maintenanceLog, userErrors: [] };
    } catch (error) {
      if (error instanceof Refused) return { maintenanceLog: null, userErrors: error.errors };
      throw error;
    }
  }

  /** The vehicle, if it exists and has one of the statuses; else refuses. */
  private async usableVehicle(tx: FleetTx, vehicleId: string, statuses: VehicleStatus[]): Promise<Vehicle> {
    const vehicle = await this.repositories.vehicles.findById(tx, vehicleId);
    if (!vehicle) throw new Refused([vehicleNotFound()]);
    if (!statuses.includes(vehicle.status)) throw new Refused([this.statusRefusal(vehicle)]);
    return vehicle;
  }

  private statusRefusal(vehicle: Vehicle): UserError {
    return vehicle.status === 'RETIRED' ? vehicleRetired() : vehicleInService();
  }

  /**
   * Advances the odometer from a reading at least the current one (`from`) to `to`, or refuses: the
   * conditional UPDATE sees the latest committed reading (it waits for a concurrent writer's row lock).
   */
  private async advance(
    tx: FleetTx,
    vehicleId: string,
    from: number,
    to: number,
    statuses: VehicleStatus[],
    field: string[],
  ): Promise<Vehicle> {
    const advanced = await this.repositories.vehicles.advanceOdometer(tx, vehicleId, from, to, statuses);
    if (advanced) return advanced;
    const now = await this.repositories.vehicles.findById(tx, vehicleId);
    if (!now) throw new Refused([vehicleNotFound()]);
    if (now.odometer > from) throw new Refused([odometerBackwards(now.odometer, field)]);
    if (!statuses.includes(now.status)) throw new Refused([this.statusRefusal(now)]);
    throw new TesseraError(ErrorCode.INTERNAL_SERVER_ERROR, 'The odometer could not be advanced');
  }
}
