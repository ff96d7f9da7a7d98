import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceReferences, asTenant, mutate, newCaller, query } from '../../../packages/testkit/src/index.js';
import {
  createVehicle,
  ERRORS,
  euVin,
  logFuel,
  logMaintenance,
  NA_VIN,
  nextVin,
  recordTrip,
  startFleet,
  VEHICLE_FIELDS,
  vehicleWithDriver,
  type Payload,
  type RunningFleet,
  type Refusal,
  type VehicleShape,
} from './harness.js';

let fleet: RunningFleet;
beforeAll(async () => {
  fleet = await startFleet();
});
afterAll(async () => {
  await fleet.stop();
});

const codes = (payload: { userErrors: { code: string }[] }) => payload.userErrors.map((e) => e.code);
const base = { make: 'Ford', model: 'Transit', year: 2021, odometer: 0, odometerUnit: 'MI', currency: 'USD' };
const create = (caller: ReturnType<typeof newCaller>, input: Record<string, unknown>) =>
  mutate<VehiclePayload>(fleet.url, caller, 'createVehicle', `vehicle { ${VEHICLE_FIELDS} } ${ERRORS}`, { ...base, ...input });
const vehicleCount = (tenantId: string) => asTenant(fleet.db, tenantId, (tx) => tx.vehicle.count());

type VehiclePayload = Payload<'vehicle', VehicleShape>;

describe('vehicle validation', () => {
  it('normalises plate and VIN and accepts a North-American VIN with a correct check digit', async () => {
    const caller = newCaller();
    const created = await create(caller, { plate: '  b-ab   123 ', vin: NA_VIN.toLowerCase() });
    expect(created.userErrors).toEqual([]);
    expect(created.vehicle).toMatchObject({ plate: 'B-AB 123', vin: NA_VIN, status: 'ACTIVE', odometerUnit: 'MI', currency: 'USD' });
  });

  it('refuses bad VINs (length, I/O/Q, wrong North-American check digit) and bad plates, changing nothing', async () => {
    const caller = newCaller();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ plate: 'AB 1', vin: 'WVWZZZ1JZXW00000' }, 'INVALID_VIN', 'vin'],
      [{ plate: 'AB 2', vin: 'WVWZZZ1JZXW00000I' }, 'INVALID_VIN', 'vin'],
      [{ plate: 'AB 3', vin: 'WVWZZZ1JZOW000001' }, 'INVALID_VIN', 'vin'],
      [{ plate: 'AB 4', vin: '1M8GDM9A1KP042788' }, 'INVALID_VIN', 'vin'],
      [{ plate: '', vin: nextVin() }, 'INVALID_PLATE', 'plate'],
      [{ plate: 'AB_12!', vin: nextVin() }, 'INVALID_PLATE', 'plate'],
      [{ plate: 'ABCDEFGHIJKLMNOP', vin: nextVin() }, 'INVALID_PLATE', 'plate'],
      [{ plate: 'AB 5', vin: nextVin(), year: 1800 }, 'INVALID_YEAR', 'year'],
      [{ plate: 'AB 6', vin: nextVin(), odometer: -5 }, 'INVALID', 'odometer'],
      [{ plate: 'AB 7', vin: nextVin(), currency: 'XYZ' }, 'INVALID_CURRENCY', 'currency'],
      [{ plate: 'AB 8', vin: nextVin(), make: '  ' }, 'INVALID', 'make'],
    ];
    for (const [input, code, field] of cases) {
      const payload = await create(caller, input);
      expect(payload.vehicle, JSON.stringify(input)).toBeNull();
      expect(payload.userErrors).toEqual([expect.objectContaining({ code, field: ['input', field] })]);
    }
    expect(await vehicleCount(caller.tenantId)).toBe(0);
    // A European VIN's 9th character is not a check digit.
    expect(codes(await create(caller, { plate: 'AB 9', vin: euVin(1) }))).toEqual([]);
  });

  it('plates (ignoring case, spaces and hyphens) and VINs are unique per tenant, not across tenants', async () => {
    const caller = newCaller();
    const other = newCaller();
    const vin = nextVin();
    expect(codes(await create(caller, { plate: 'M-XY 42', vin }))).toEqual([]);
    expect(await create(caller, { plate: 'mxy42', vin: nextVin() })).toMatchObject({
      vehicle: null,
      userErrors: [{ code: 'PLATE_TAKEN', field: ['input', 'plate'] }],
    });
    expect(await create(caller, { plate: 'ZZ 1', vin })).toMatchObject({ vehicle: null, userErrors: [{ code: 'VIN_TAKEN' }] });
    expect(await vehicleCount(caller.tenantId)).toBe(1);
    expect(codes(await create(other, { plate: 'M XY 42', vin }))).toEqual([]);
  });

  it('concurrent creations with the same plate: one wins, the others get PLATE_TAKEN', async () => {
    const caller = newCaller();
    const results = await Promise.all(Array.from({ length: 5 }, () => create(caller, { plate: 'RACE 1', vin: nextVin() })));
    expect(results.filter((r) => r.vehicle !== null)).toHaveLength(1);
    for (const r of results.filter((r) => r.vehicle === null)) expect(codes(r)).toEqual(['PLATE_TAKEN']);
    expect(await vehicleCount(caller.tenantId)).toBe(1);
  });
});

describe('vehicle lifecycle', () => {
  it('updates details, switches ACTIVE <-> IN_SERVICE (no trips while in service), retires for good', async () => {
    const caller = newCaller();
    const { vehicle, driverId } = await vehicleWithDriver(fleet.url, caller);
    const update = (input: Record<string, unknown>) =>
      mutate<VehiclePayload>(fleet.url, caller, 'updateVehicle', `vehicle { ${VEHICLE_FIELDS} } ${ERRORS}`, {
        vehicleId: vehicle.id,
        ...input,
      });
    expect((await update({ model: 'Crafter', status: 'IN_SERVICE' })).vehicle).toMatchObject({ model: 'Crafter', status: 'IN_SERVICE' });
    expect(codes(await recordTrip(fleet.url, caller, { vehicleId: vehicle.id, driverId, start: 1000, end: 1010 }))).toEqual([
      'VEHICLE_IN_SERVICE',
    ]);
    expect(codes(await logMaintenance(fleet.url, caller, { vehicleId: vehicle.id, odometer: 1000 }))).toEqual([]);
    expect(codes(await update({ status: 'RETIRED' }))).toEqual(['INVALID_STATUS']);
    expect((await update({ status: 'ACTIVE' })).vehicle!.status).toBe('ACTIVE');

    const retire = () =>
      mutate<VehiclePayload>(fleet.url, caller, 'retireVehicle', `vehicle { ${VEHICLE_FIELDS} } ${ERRORS}`, { vehicleId: vehicle.id });
    const retired = await retire();
    expect(retired.vehicle).toMatchObject({ status: 'RETIRED', drivers: [] });
    expect(retired.vehicle!.retiredAt).not.toBeNull();
    expect(codes(await retire())).toEqual(['VEHICLE_RETIRED']);
    expect(codes(await update({ make: 'Other' }))).toEqual(['VEHICLE_RETIRED']);
    expect(codes(await logFuel(fleet.url, caller, { vehicleId: vehicle.id, odometer: 1100 }))).toEqual(['VEHICLE_RETIRED']);
    expect(
      codes(await mutate<Refusal>(fleet.url, caller, 'assignDriver', ERRORS, { vehicleId: vehicle.id, employeeId: driverId })),
    ).toEqual(['VEHICLE_RETIRED']);
    expect(
      codes(
        await mutate<Refusal>(fleet.url, caller, 'setServiceReminder', ERRORS, { vehicleId: vehicle.id, kind: 'oil', everyMonths: 12 }),
      ),
    ).toEqual(['VEHICLE_RETIRED']);
  });

  it('assigns and unassigns drivers; Employee.assignedVehicles lists them', async () => {
    const caller = newCaller();
    const a = await createVehicle(fleet.url, caller);
    const b = await createVehicle(fleet.url, caller);
    const employeeId = randomUUID();
    await announceReferences(fleet.url, caller.tenantId, { employee: [employeeId] });
    for (const v of [a, b, a])
      expect(codes(await mutate<Refusal>(fleet.url, caller, 'assignDriver', ERRORS, { vehicleId: v.id, employeeId }))).toEqual([]);
    const view = () =>
      query<{ _entities: { id: string; assignedVehicles: { id: string }[] }[] }>(
        fleet.url,
        caller,
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Employee { id assignedVehicles { id } } } }',
        {
          r: [{ __typename: 'Employee', id: employeeId }],
        },
      );
    expect((await view())._entities[0].assignedVehicles.map((v) => v.id)).toEqual([a.id, b.id]);
    expect(codes(await mutate<Refusal>(fleet.url, caller, 'unassignDriver', ERRORS, { vehicleId: a.id, employeeId }))).toEqual([]);
    expect(codes(await mutate<Refusal>(fleet.url, caller, 'unassignDriver', ERRORS, { vehicleId: a.id, employeeId }))).toEqual([
      'NOT_ASSIGNED',
    ]);
    expect((await view())._entities[0].assignedVehicles.map((v) => v.id)).toEqual([b.id]);
    expect(codes(await mutate<Refusal>(fleet.url, caller, 'assignDriver', ERRORS, { vehicleId: a.id, employeeId: 'nope' }))).toEqual([
      'INVALID',
    ]);
  });

  it('costs must be in the vehicle currency; totalCost sums fuel and maintenance over a range of days', async () => {
    const caller = newCaller();
    const { vehicle } = await vehicleWithDriver(fleet.url, caller, { odometer: 0, currency: 'EUR' });
    const wrong = await logFuel(fleet.url, caller, { vehicleId: vehicle.id, odometer: 10, cost: { amount: '10', currency: 'USD' } });
    expect(wrong.userErrors).toEqual([expect.objectContaining({ code: 'CURRENCY_MISMATCH', field: ['input', 'cost', 'currency'] })]);
    expect(codes(await logFuel(fleet.url, caller, { vehicleId: vehicle.id, odometer: 10, quantity: '0' }))).toEqual(['INVALID']);
    expect(
      codes(await logFuel(fleet.url, caller, { vehicleId: vehicle.id, odometer: 10, cost: { amount: '-1', currency: 'EUR' } })),
    ).toEqual(['INVALID']);
    expect(await odometerOf(vehicle.id, caller)).toBe(0);
    await logFuel(fleet.url, caller, {
      vehicleId: vehicle.id,
      odometer: 10,
      date: '2026-10-01',
      cost: { amount: '10.005', currency: 'EUR' },
    });
    await logFuel(fleet.url, caller, {
      vehicleId: vehicle.id,
      odometer: 20,
      date: '2026-11-01',
      cost: { amount: '20.10', currency: 'EUR' },
    });
    await logMaintenance(fleet.url, caller, {
      vehicleId: vehicle.id,
      odometer: 30,
      date: '2026-11-15',
      cost: { amount: '100', currency: 'EUR' },
    });
    const data = await query<{ vehicle: unknown }>(
      fleet.url,
      caller,
      `query($id: ID!) { vehicle(id: $id) {
        all: totalCost { amount currency }
        november: totalCost(range: { from: "2026-11-01", to: "2026-11-30" }) { amount currency }
        none: totalCost(range: { to: "2026-09-30" }) { amount currency } } }`,
      { id: vehicle.id },
    );
    expect(data.vehicle).toEqual({
      all: { amount: '130.11', currency: 'EUR' },
      november: { amount: '120.10', currency: 'EUR' },
      none: { amount: '0.00', currency: 'EUR' },
    });
  });

  it('lists vehicles as a connection, filtered by status and search', async () => {
    const caller = newCaller();
    const a = await createVehicle(fleet.url, caller, { plate: 'HH AA 1', make: 'Tesla', model: 'Model 3' });
    const b = await createVehicle(fleet.url, caller, { plate: 'HH BB 2' });
    await mutate<Refusal>(fleet.url, caller, 'retireVehicle', ERRORS, { vehicleId: b.id });
    const list = (args: string) =>
      query<{ vehicles: { edges: { node: { id: string } }[] } }>(
        fleet.url,
        caller,
        `{ vehicles(${args}) { totalCount edges { node { id } } pageInfo { hasNextPage } } }`,
      );
    const ids = (r: { vehicles: { edges: { node: { id: string } }[] } }) => r.vehicles.edges.map((e) => e.node.id);
    expect(ids(await list('first: 10'))).toEqual([a.id, b.id]);
    expect(ids(await list('filter: { status: [RETIRED] }'))).toEqual([b.id]);
    expect(ids(await list('filter: { search: "tesla" }'))).toEqual([a.id]);
    expect(ids(await list('filter: { search: "hhbb2" }'))).toEqual([b.id]);
    expect(await list('first: 1')).toMatchObject({ vehicles: { totalCount: 2, pageInfo: { hasNextPage: true } } });
  });

  it('searches LIKE wildcards literally: "%" and "_" match only vehicles that contain them', async () => {
    const caller = newCaller();
    const plain = await createVehicle(fleet.url, caller, { plate: 'HH CC 3', make: 'Ford', model: 'Transit' });
    const odd = await createVehicle(fleet.url, caller, { plate: 'HH DD 4', make: 'Ford', model: '100% Electric_Van' });
    const search = async (text: string) =>
      (
        await query<{ vehicles: { totalCount: number; edges: { node: { id: string } }[] } }>(
          fleet.url,
          caller,
          'query($s: String) { vehicles(filter: { search: $s }) { totalCount edges { node { id } } } }',
          { s: text },
        )
      ).vehicles.edges.map((e) => e.node.id);
    expect(await search('%')).toEqual([odd.id]);
    expect(await search('_')).toEqual([odd.id]);
    expect(await search('%%')).toEqual([]);
    expect(await search('H_ CC')).toEqual([]);
    expect(await search('ford')).toEqual([plain.id, odd.id]);
  });
});

async function odometerOf(vehicleId: string, caller: ReturnType<typeof newCaller>) {
  return (
    await query<{ vehicle: { odometer: number } }>(fleet.url, caller, 'query($id: ID!) { vehicle(id: $id) { odometer } }', {
      id: vehicleId,
    })
  ).vehicle.odometer;
}
