import { randomUUID } from 'node:crypto';
import { type EventEnvelope, type EventType } from '@tessera/events';
import { inTenantTransaction } from '@tessera/prisma';
import { callSubgraph, expectData, startTestModule, type TestModule, type TestModuleOptions } from '../../../packages/testkit/src/index.js';
import fleet, { type FleetDb, type FleetTx } from '../src/index.js';

export type Caller = Parameters<typeof callSubgraph>[1];

export type RunningFleet = TestModule<FleetDb>;

/** Starts the fleet subgraph in-process on a free port, on the test database (DATABASE_PREFIX=tessera_test). */
export function startFleet(options: TestModuleOptions = {}): Promise<RunningFleet> {
  return startTestModule<FleetDb>(fleet, options);
}

export const ERRORS = 'userErrors { field message code }';
export const VEHICLE_FIELDS = 'id plate vin make model year odometer odometerUnit currency status retiredAt drivers { id }';
export const TRIP_FIELDS = 'id vehicle { id odometer } driver { id } startedAt endedAt startOdometer endOdometer distance unit';
export const FUEL_FIELDS = 'id vehicle { id odometer } date quantity unit cost { amount currency } odometer';
export const MAINTENANCE_FIELDS = 'id vehicle { id odometer } date description serviceKind cost { amount currency } odometer';
export const REMINDER_FIELDS =
  'id vehicle { id } kind everyDistance everyMonths lastServiceDate lastServiceOdometer dueDate dueOdometer remainingDistance isDue';

/** Runs a mutation `name(input: $input)` and returns its payload (GraphQL errors fail the test). */
export async function mutate<T = any>(url: string, caller: Caller, name: string, selection: string, input: unknown): Promise<T> {
  const inputType = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
  const data = expectData(
    await callSubgraph<Record<string, T>>(url, caller, `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} } }`, {
      input,
    }),
  );
  return data[name] as T;
}

/** Runs a query and returns its data (GraphQL errors fail the test). */
export async function query<T = any>(url: string, caller: Caller, document: string, variables: Record<string, unknown> = {}): Promise<T> {
  return expectData(await callSubgraph<T>(url, caller, document, variables));
}

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
  const payload = await mutate(url, caller, 'createVehicle', `vehicle { ${VEHICLE_FIELDS} } ${ERRORS}`, {
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
  if (payload.userErrors.length > 0) throw new Error(`createVehicle: ${JSON.stringify(payload.userErrors)}`);
  return payload.vehicle;
}

/** A vehicle with an assigned driver, ready for trips. */
export async function vehicleWithDriver(url: string, caller: Caller, input: Record<string, unknown> = {}) {
  const vehicle = await createVehicle(url, caller, input);
  const driverId = randomUUID();
  const assigned = await mutate(url, caller, 'assignDriver', ERRORS, { vehicleId: vehicle.id, employeeId: driverId });
  if (assigned.userErrors.length > 0) throw new Error(`assignDriver: ${JSON.stringify(assigned.userErrors)}`);
  return { vehicle, driverId };
}

export function recordTrip(url: string, caller: Caller, input: { vehicleId: string; driverId: string; start: number; end: number }) {
  return mutate(url, caller, 'recordTrip', `trip { ${TRIP_FIELDS} } ${ERRORS}`, {
    vehicleId: input.vehicleId,
    driverId: input.driverId,
    startedAt: '2026-11-20T08:00:00.000Z',
    endedAt: '2026-11-20T09:00:00.000Z',
    startOdometer: input.start,
    endOdometer: input.end,
  });
}

export function logFuel(url: string, caller: Caller, input: Record<string, unknown> & { vehicleId: string; odometer: number }) {
  return mutate(url, caller, 'logFuel', `fuelLog { ${FUEL_FIELDS} } ${ERRORS}`, {
    date: '2026-11-20',
    quantity: '45.5',
    unit: 'L',
    cost: { amount: '80.00', currency: 'EUR' },
    ...input,
  });
}

export function logMaintenance(url: string, caller: Caller, input: Record<string, unknown> & { vehicleId: string; odometer: number }) {
  return mutate(url, caller, 'logMaintenance', `maintenanceLog { ${MAINTENANCE_FIELDS} } ${ERRORS}`, {
    date: '2026-11-20',
    description: 'Oil and filter',
    cost: { amount: '150.00', currency: 'EUR' },
    ...input,
  });
}

export async function odometerOf(url: string, caller: Caller, vehicleId: string): Promise<number | null> {
  const data = await query(url, caller, 'query($id: ID!) { vehicle(id: $id) { odometer } }', { id: vehicleId });
  return data.vehicle?.odometer ?? null;
}

/** The events fleet recorded for a tenant, oldest first (read in a tenant transaction, as the app role). */
export async function recordedEvents(db: FleetDb, tenantId: string, type?: EventType) {
  const rows = await inTenantTransaction(db, tenantId, (tx: FleetTx) =>
    tx.outboxEvent.findMany({ where: { tenantId, ...(type ? { type } : {}) }, orderBy: { seq: 'asc' } }),
  );
  return rows.map((row) => {
    const envelope = row.envelope as unknown as EventEnvelope;
    return { type: row.type, subjectId: row.subjectId, subject: row.subject, data: envelope.data as Record<string, unknown> };
  });
}

/** Runs `work` in a transaction bound to a tenant, as the app role (row-level security applies). */
export function asTenant<T>(db: FleetDb, tenantId: string, work: (tx: FleetTx) => Promise<T>): Promise<T> {
  return inTenantTransaction(db, tenantId, work);
}
