import { randomUUID } from 'node:crypto';
import {
  announceReferences,
  mutate,
  query,
  startTestModule,
  USER_ERRORS,
  type newCaller,
  type TestModule,
  type TestModuleOptions,
  type UserErrorShape,
} from '../../../packages/testkit/src/index.js';
import fleet, { type FleetDb } from '../src/index.js';

export type Caller = ReturnType<typeof newCaller>;

export type RunningFleet = TestModule<FleetDb>;

/** Starts the fleet subgraph in-process on a free port, on the test database (DATABASE_PREFIX=tessera_test). */
export function startFleet(options: TestModuleOptions = {}): Promise<RunningFleet> {
  return startTestModule<FleetDb>(fleet, options);
}

export const ERRORS = USER_ERRORS;
export const VEHICLE_FIELDS = 'id plate vin make model year odometer odometerUnit currency status retiredAt drivers { id }';
export const TRIP_FIELDS = 'id vehicle { id odometer } driver { id } startedAt endedAt startOdometer endOdometer distance unit';
export const FUEL_FIELDS = 'id vehicle { id odometer } date quantity unit cost { amount currency } odometer';
export const MAINTENANCE_FIELDS = 'id vehicle { id odometer } date description serviceKind cost { amount currency } odometer';
export const REMINDER_FIELDS =
  'id vehicle { id } kind everyDistance everyMonths lastServiceDate lastServiceOdometer dueDate dueOdometer remainingDistance isDue';

interface MoneyShape {
  amount: string;
  currency: string;
}
/** A vehicle as VEHICLE_FIELDS selects it. */
export interface VehicleShape {
  id: string;
  plate: string;
  vin: string;
  make: string;
  model: string;
  year: number;
  odometer: number;
  odometerUnit: string;
  currency: string;
  status: string;
  retiredAt: string | null;
  drivers: { id: string }[];
}
/** A trip as TRIP_FIELDS selects it. */
export interface TripShape {
  id: string;
  vehicle: { id: string; odometer: number };
  driver: { id: string };
  startedAt: string;
  endedAt: string;
  startOdometer: number;
  endOdometer: number;
  distance: number;
  unit: string;
}
/** A fuel log as FUEL_FIELDS selects it. */
export interface FuelLogShape {
  id: string;
  vehicle: { id: string; odometer: number };
  date: string;
  quantity: string;
  unit: string;
  cost: MoneyShape;
  odometer: number;
}
/** A maintenance log as MAINTENANCE_FIELDS selects it. */
export interface MaintenanceLogShape {
  id: string;
  vehicle: { id: string; odometer: number };
  date: string;
  description: string;
  serviceKind: string | null;
  cost: MoneyShape;
  odometer: number;
}
/** A service reminder as REMINDER_FIELDS selects it. */
export interface ReminderShape {
  id: string;
  vehicle: { id: string };
  kind: string;
  everyDistance: number | null;
  everyMonths: number | null;
  lastServiceDate: string;
  lastServiceOdometer: number;
  dueDate: string | null;
  dueOdometer: number | null;
  remainingDistance: number | null;
  isDue: boolean;
}
/** A payload selected for its user errors only. */
export interface Refusal {
  userErrors: UserErrorShape[];
}
/** A mutation payload: its object (`key`, null when refused) and its user errors. */
export type Payload<K extends string, T> = { [key in K]: T | null } & Refusal;

let plateCounter = 0;
/** A unique plate per call (tests run in parallel, each with its own tenant anyway). */
export const uniquePlate = () => `T ${(Date.now() % 100000) + (plateCounter += 1)}`;

/** Valid VINs: a North-American one with its check digit, and European ones (no check digit). */
export const NA_VIN = '1M8GDM9AXKP042788';
export const euVin = (n: number) => `WVWZZZ1JZXW${String(n).padStart(6, '0')}`;
let vinCounter = Math.floor(Math.random() * 900000);
/** A VIN not used before in this test process. */
export const nextVin = () => euVin((vinCounter += 1));

export async function createVehicle(url: string, caller: Caller, input: Record<string, unknown> = {}) {
  const payload = await mutate<Payload<'vehicle', VehicleShape>>(url, caller, 'createVehicle', `vehicle { ${VEHICLE_FIELDS} } ${ERRORS}`, {
    plate: uniquePlate(),
    vin: nextVin(),
    make: 'Volkswagen',
    model: 'Transporter',
    year: 2022,
    odometer: 1000,
    odometerUnit: 'KM',
    currency: 'EUR',
    ...input,
  });
  if (!payload.vehicle) throw new Error(`createVehicle: ${JSON.stringify(payload.userErrors)}`);
  return payload.vehicle;
}

/** A vehicle with an assigned driver, ready for trips. */
export async function vehicleWithDriver(url: string, caller: Caller, input: Record<string, unknown> = {}) {
  const vehicle = await createVehicle(url, caller, input);
  const driverId = randomUUID();
  await announceReferences(url, caller.tenantId, { employee: [driverId] });
  const assigned = await mutate<Refusal>(url, caller, 'assignDriver', ERRORS, { vehicleId: vehicle.id, employeeId: driverId });
  if (assigned.userErrors.length > 0) throw new Error(`assignDriver: ${JSON.stringify(assigned.userErrors)}`);
  return { vehicle, driverId };
}

export function recordTrip(url: string, caller: Caller, input: { vehicleId: string; driverId: string; start: number; end: number }) {
  return mutate<Payload<'trip', TripShape>>(url, caller, 'recordTrip', `trip { ${TRIP_FIELDS} } ${ERRORS}`, {
    vehicleId: input.vehicleId,
    driverId: input.driverId,
    startedAt: '2026-11-20T08:00:00.000Z',
    endedAt: '2026-11-20T09:00:00.000Z',
    startOdometer: input.start,
    endOdometer: input.end,
  });
}

export function logFuel(url: string, caller: Caller, input: Record<string, unknown> & { vehicleId: string; odometer: number }) {
  return mutate<Payload<'fuelLog', FuelLogShape>>(url, caller, 'logFuel', `fuelLog { ${FUEL_FIELDS} } ${ERRORS}`, {
    date: '2026-11-20',
    quantity: '45.5',
    unit: 'L',
    cost: { amount: '80.00', currency: 'EUR' },
    ...input,
  });
}

export function logMaintenance(url: string, caller: Caller, input: Record<string, unknown> & { vehicleId: string; odometer: number }) {
  return mutate<Payload<'maintenanceLog', MaintenanceLogShape>>(
    url,
    caller,
    'logMaintenance',
    `maintenanceLog { ${MAINTENANCE_FIELDS} } ${ERRORS}`,
    {
      date: '2026-11-20',
      description: 'Oil and filter',
      cost: { amount: '150.00', currency: 'EUR' },
      ...input,
    },
  );
}

export async function odometerOf(url: string, caller: Caller, vehicleId: string): Promise<number | null> {
  const data = await query<{ vehicle: { odometer: number } | null }>(url, caller, 'query($id: ID!) { vehicle(id: $id) { odometer } }', {
    id: vehicleId,
  });
  return data.vehicle?.odometer ?? null;
}

export function recordTripAt(
  url: string,
  caller: Caller,
  input: { vehicleId: string; driverId: string; start: number; end: number; startedAt: string; endedAt: string },
) {
  return mutate<Payload<'trip', TripShape>>(url, caller, 'recordTrip', `trip { ${TRIP_FIELDS} } ${ERRORS}`, {
    vehicleId: input.vehicleId,
    driverId: input.driverId,
    startedAt: input.startedAt,
    endedAt: input.endedAt,
    startOdometer: input.start,
    endOdometer: input.end,
  });
}

export function setServiceReminder(url: string, caller: Caller, input: Record<string, unknown>) {
  return mutate<Payload<'serviceReminder', ReminderShape>>(
    url,
    caller,
    'setServiceReminder',
    `serviceReminder { ${REMINDER_FIELDS} } ${ERRORS}`,
    input,
  );
}
