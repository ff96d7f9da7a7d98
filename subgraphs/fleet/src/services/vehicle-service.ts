import {
  type Connection,
  Decimal,
  errorsOf,
  isUuid,
  listOrChanges,
  type Money,
  searchText,
  toDecimal,
  toMoney,
  type References,
  type UserError,
} from '@tessera/service-kit';
import { isUniqueViolation, type TenantScope } from '@tessera/prisma';
import type { Vehicle } from '../generated/prisma/client.js';
import type {
  CreateVehicleInput,
  QueryVehiclesArgs,
  UpdateVehicleInput,
  AssignDriverInput,
  UnassignDriverInput,
  CostRangeInput,
} from '../generated/graphql.js';
import type { FleetTx } from '../db.js';
import type { FleetLoaders } from '../loaders.js';
import type { Repositories } from '../repositories/index.js';
import type { VehicleChange } from '../repositories/vehicle-repository.js';
import { checkCurrency, checkName, checkPlate, checkReading, checkVin, checkYear } from '../domain/vehicle-fields.js';
import { plateTaken, refuse, vehicleNotFound, vehicleRetired, vinTaken } from '../errors.js';
import type { FleetEvents } from '../events/fleet-events.js';

export interface VehiclePayload {
  vehicle: Vehicle | null;
  userErrors: UserError[];
}

const refused = (...userErrors: UserError[]): VehiclePayload => ({ vehicle: null, userErrors });

/** The tenant's vehicles: their details, status and drivers. */
export class VehicleService {
  constructor(
    private readonly scope: TenantScope<FleetTx>,
    private readonly repositories: Repositories,
    private readonly loaders: FleetLoaders,
    private readonly events: FleetEvents,
    private readonly defaultCurrency: string,
    private readonly now: () => Date,
    private readonly references: References,
  ) {}

  get(id: string): Promise<Vehicle | null> {
    return this.loaders.vehicleById.load(id);
  }

  list(args: QueryVehiclesArgs): Promise<Connection<Vehicle>> {
    const filter = { statuses: args.filter?.status ? [...new Set(args.filter.status)] : null, search: searchText(args.filter?.search) };
    return listOrChanges(args, this.scope, async (tx, window) => {
      const page = await this.repositories.vehicles.page(tx, filter, window);
      // A reference back to a listed vehicle (e.g. a reminder's remaining distance) costs nothing.
      for (const vehicle of page.rows) this.loaders.vehicleById.prime(vehicle.id, vehicle);
      return page;
    });
  }

  async create(input: CreateVehicleInput): Promise<VehiclePayload> {
    const plate = checkPlate(input.plate, ['input', 'plate']);
    const vin = checkVin(input.vin, ['input', 'vin']);
    const make = checkName(input.make, ['input', 'make'], 'The make');
    const model = checkName(input.model, ['input', 'model'], 'The model');
    const year = checkYear(input.year, ['input', 'year'], this.now());
    const odometer = checkReading(input.odometer, ['input', 'odometer']);
    const currency = checkCurrency(input.currency ?? this.defaultCurrency, ['input', 'currency']);
    if (!plate.ok || !vin.ok || !make.ok || !model.ok || !year.ok || !odometer.ok || !currency.ok) {
      return refused(...errorsOf(plate, vin, make, model, year, odometer, currency));
    }
    try {
      const vehicle = await this.scope.run(async (tx) => {
        const clash = await this.repositories.vehicles.findClash(tx, plate.value.normalized, vin.value, null);
        if (clash) return clash.normalizedPlate === plate.value.normalized ? plateTaken() : vinTaken();
        const created = await this.repositories.vehicles.create(tx, {
          plate: plate.value.display,
          normalizedPlate: plate.value.normalized,
          vin: vin.value,
          make: make.value,
          model: model.value,
          year: year.value,
          odometer: odometer.value,
          odometerUnit: input.odometerUnit,
          currency: currency.value,
        });
        await this.events.vehicleCreated(tx, created);
        return created;
      });
      if ('code' in vehicle) return refused(vehicle);
      this.loaders.vehicleById.prime(vehicle.id, vehicle);
      return { vehicle, userErrors: [] };
    } catch (error) {
      if (isUniqueViolation(error)) return refused(this.clashOf(error, plate.value.normalized));
      throw error;
    }
  }

  async update(input: UpdateVehicleInput): Promise<VehiclePayload> {
    if (!isUuid(input.vehicleId)) return refused(vehicleNotFound());
    const plate = input.plate == null ? undefined : checkPlate(input.plate, ['input', 'plate']);
    const vin = input.vin == null ? undefined : checkVin(input.vin, ['input', 'vin']);
    const make = input.make == null ? undefined : checkName(input.make, ['input', 'make'], 'The make');
    const model = input.model == null ? undefined : checkName(input.model, ['input', 'model'], 'The model');
    const year = input.year == null ? undefined : checkYear(input.year, ['input', 'year'], this.now());
    const errors = errorsOf(plate, vin, make, model, year);
    if (input.status === 'RETIRED') errors.push(refuse('INVALID_STATUS', 'Use retireVehicle to retire a vehicle', ['input', 'status']));
    if (errors.length > 0) return refused(...errors);
    const change: VehicleChange = {};
    if (plate?.ok) Object.assign(change, { plate: plate.value.display, normalizedPlate: plate.value.normalized });
    if (vin?.ok) change.vin = vin.value;
    if (make?.ok) change.make = make.value;
    if (model?.ok) change.model = model.value;
    if (year?.ok) change.year = year.value;
    if (input.status) change.status = input.status;
    try {
      const result = await this.scope.run(async (tx): Promise<Vehicle | UserError> => {
        const current = await this.repositories.vehicles.findById(tx, input.vehicleId);
        if (!current) return vehicleNotFound();
        if (current.status === 'RETIRED') return vehicleRetired();
        const clash = await this.repositories.vehicles.findClash(tx, change.normalizedPlate ?? null, change.vin ?? null, current.id);
        if (clash) return clash.normalizedPlate === change.normalizedPlate ? plateTaken() : vinTaken();
        return (await this.repositories.vehicles.update(tx, current.id, change)) ?? vehicleRetired();
      });
      if ('code' in result) return refused(result);
      this.loaders.vehicleById.clear(result.id).prime(result.id, result);
      return { vehicle: result, userErrors: [] };
    } catch (error) {
      if (isUniqueViolation(error)) return refused(this.clashOf(error, change.normalizedPlate ?? null));
      throw error;
    }
  }

  async retire(vehicleId: string): Promise<VehiclePayload> {
    if (!isUuid(vehicleId)) return refused(vehicleNotFound());
    const result = await this.scope.run(async (tx): Promise<Vehicle | UserError> => {
      const retired = await this.repositories.vehicles.retire(tx, vehicleId, this.now());
      if (!retired) return (await this.repositories.vehicles.findById(tx, vehicleId)) ? vehicleRetired() : vehicleNotFound();
      await this.repositories.assignments.unassignAll(tx, vehicleId);
      await this.events.vehicleRetired(tx, retired);
      return retired;
    });
    if ('code' in result) return refused(result);
    this.loaders.vehicleById.clear(result.id).prime(result.id, result);
    return { vehicle: result, userErrors: [] };
  }

  async assignDriver(input: AssignDriverInput): Promise<VehiclePayload> {
    if (!isUuid(input.vehicleId)) return refused(vehicleNotFound());
    if (!isUuid(input.employeeId)) return refused(refuse('INVALID', 'The employee id must be a UUID', ['input', 'employeeId']));
    const unknown = await this.references.check([{ kind: 'employee', id: input.employeeId, field: ['input', 'employeeId'] }]);
    if (unknown.length > 0) return refused(...unknown);
    const result = await this.scope.run(async (tx): Promise<Vehicle | UserError> => {
      // Locked: a concurrent retirement (which ends every assignment) cannot slip in between.
      const vehicle = await this.repositories.vehicles.lock(tx, input.vehicleId);
      if (!vehicle) return vehicleNotFound();
      if (vehicle.status === 'RETIRED') return vehicleRetired();
      await this.repositories.assignments.assign(tx, vehicle.id, input.employeeId);
      return vehicle;
    });
    return 'code' in result ? refused(result) : { vehicle: result, userErrors: [] };
  }

  async unassignDriver(input: UnassignDriverInput): Promise<VehiclePayload> {
    if (!isUuid(input.vehicleId)) return refused(vehicleNotFound());
    const result = await this.scope.run(async (tx): Promise<Vehicle | UserError> => {
      const vehicle = await this.repositories.vehicles.findById(tx, input.vehicleId);
      if (!vehicle) return vehicleNotFound();
      const removed = isUuid(input.employeeId) && (await this.repositories.assignments.unassign(tx, vehicle.id, input.employeeId));
      return removed ? vehicle : refuse('NOT_ASSIGNED', 'The employee is not assigned to this vehicle', ['input', 'employeeId']);
    });
    return 'code' in result ? refused(result) : { vehicle: result, userErrors: [] };
  }

  async driverIds(vehicleId: string): Promise<string[]> {
    return (await this.loaders.assignmentsByVehicleId.load(vehicleId)).map((a) => a.employeeId);
  }

  assignedVehicles(employeeId: string): Promise<Vehicle[]> {
    return this.loaders.vehiclesByEmployeeId.load(employeeId);
  }

  /** Fuel plus maintenance costs of the days of the range, in the vehicle's currency. */
  async totalCost(vehicle: Vehicle, range: CostRangeInput | null | undefined): Promise<Money> {
    const sums = await this.loaders.costsByVehicleId(range?.from ?? null, range?.to ?? null).load(vehicle.id);
    // Costs are only ever recorded in the vehicle's currency (checked on every log).
    const total = sums.filter((s) => s.currency === vehicle.currency).reduce((sum, s) => sum.plus(toDecimal(s.total)), new Decimal(0));
    return toMoney(total, vehicle.currency);
  }

  private clashOf(error: unknown, normalizedPlate: string | null): UserError {
    const text = String((error as { message?: unknown })?.message ?? '') + JSON.stringify((error as { meta?: unknown })?.meta ?? {});
    return normalizedPlate !== null && text.includes('normalized_plate') ? plateTaken() : text.includes('vin') ? vinTaken() : plateTaken();
  }
}
