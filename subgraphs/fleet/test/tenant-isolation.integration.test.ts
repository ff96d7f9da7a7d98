import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousCaller, asTenant, callSubgraph, mutate, newCaller, query, resolveEntities } from '../../../packages/testkit/src/index.js';
import {
  ERRORS,
  logFuel,
  logMaintenance,
  odometerOf,
  recordTrip,
  startFleet,
  vehicleWithDriver,
  type RunningFleet,
  type Refusal,
} from './harness.js';

let fleet: RunningFleet;
beforeAll(async () => {
  fleet = await startFleet();
});
afterAll(async () => {
  await fleet.stop();
});

const codes = (payload: { userErrors: { code: string }[] }) => payload.userErrors.map((e) => e.code);

/** Tenant A: a vehicle with a driver, a trip, fuel, maintenance and a reminder. B has nothing. */
async function seedA() {
  const tenantA = newCaller();
  const tenantB = newCaller();
  const { vehicle, driverId } = await vehicleWithDriver(fleet.url, tenantA, { odometer: 100 });
  await recordTrip(fleet.url, tenantA, { vehicleId: vehicle.id, driverId, start: 100, end: 200 });
  await logFuel(fleet.url, tenantA, { vehicleId: vehicle.id, odometer: 200 });
  await logMaintenance(fleet.url, tenantA, { vehicleId: vehicle.id, odometer: 200 });
  await mutate<Refusal>(fleet.url, tenantA, 'setServiceReminder', ERRORS, {
    vehicleId: vehicle.id,
    kind: 'oil',
    everyDistance: 10,
    lastServiceOdometer: 100,
  });
  return { tenantA, tenantB, vehicle, driverId };
}

describe('tenant isolation', () => {
  it('B cannot read A’s vehicles, trips, logs or reminders by any path, _entities included', async () => {
    const a = await seedA();
    const read = await query(
      fleet.url,
      a.tenantB,
      `query($id: ID!) {
        vehicle(id: $id) { id }
        vehicles { totalCount edges { node { id } } }
        vehicleTrips(vehicleId: $id) { totalCount edges { node { id } } }
        fuelLogs(vehicleId: $id) { totalCount }
        maintenanceLogs(vehicleId: $id) { totalCount }
        dueReminders(withinDistance: 1000000, withinDays: 10000) { totalCount }
      }`,
      { id: a.vehicle.id },
    );
    expect(read).toEqual({
      vehicle: null,
      vehicles: { totalCount: 0, edges: [] },
      vehicleTrips: { totalCount: 0, edges: [] },
      fuelLogs: { totalCount: 0 },
      maintenanceLogs: { totalCount: 0 },
      dueReminders: { totalCount: 0 },
    });
    // A sees its own (the test can fail).
    const own = await query(
      fleet.url,
      a.tenantA,
      `query($id: ID!) { vehicleTrips(vehicleId: $id) { totalCount } dueReminders { totalCount } }`,
      {
        id: a.vehicle.id,
      },
    );
    expect(own).toEqual({ vehicleTrips: { totalCount: 1 }, dueReminders: { totalCount: 1 } });

    const entities = await resolveEntities(
      fleet.url,
      a.tenantB,
      [
        { __typename: 'Vehicle', id: a.vehicle.id },
        { __typename: 'Employee', id: a.driverId },
      ],
      '... on Vehicle { id plate } ... on Employee { id assignedVehicles { id } }',
    );
    expect(entities.errors).toBeUndefined();
    expect(entities.data!._entities).toEqual([null, { id: a.driverId, assignedVehicles: [] }]);
    const mine = await resolveEntities(
      fleet.url,
      a.tenantA,
      [
        { __typename: 'Vehicle', id: a.vehicle.id },
        { __typename: 'Employee', id: a.driverId },
      ],
      '... on Vehicle { id } ... on Employee { assignedVehicles { id } }',
    );
    expect(mine.data!._entities).toEqual([{ id: a.vehicle.id }, { assignedVehicles: [{ id: a.vehicle.id }] }]);
  });

  it('B cannot change A’s vehicle or record anything against it (NOT_FOUND), and nothing changes', async () => {
    const a = await seedA();
    const b = a.tenantB;
    const vehicleId = a.vehicle.id;
    const attempts = [
      await mutate<Refusal>(fleet.url, b, 'updateVehicle', ERRORS, { vehicleId, make: 'Hacked' }),
      await mutate<Refusal>(fleet.url, b, 'retireVehicle', ERRORS, { vehicleId }),
      await mutate<Refusal>(fleet.url, b, 'assignDriver', ERRORS, { vehicleId, employeeId: randomUUID() }),
      await mutate<Refusal>(fleet.url, b, 'unassignDriver', ERRORS, { vehicleId, employeeId: a.driverId }),
      await recordTrip(fleet.url, b, { vehicleId, driverId: a.driverId, start: 300, end: 400 }),
      await logFuel(fleet.url, b, { vehicleId, odometer: 500, cost: { amount: '1', currency: 'EUR' } }),
      await logMaintenance(fleet.url, b, { vehicleId, odometer: 500 }),
      await mutate<Refusal>(fleet.url, b, 'setServiceReminder', ERRORS, { vehicleId, kind: 'oil', everyMonths: 1 }),
    ];
    for (const attempt of attempts) expect(codes(attempt)).toEqual(['NOT_FOUND']);
    const after = await query<{ vehicle: unknown }>(
      fleet.url,
      a.tenantA,
      `query($id: ID!) { vehicle(id: $id) { make status odometer drivers { id } serviceReminders { everyDistance } } }`,
      {
        id: vehicleId,
      },
    );
    expect(after.vehicle).toEqual({
      make: 'Volkswagen',
      status: 'ACTIVE',
      odometer: 200,
      drivers: [{ id: a.driverId }],
      serviceReminders: [{ everyDistance: 10 }],
    });
    // B may use the same plate and VIN: uniqueness is per tenant.
    const same = await mutate<Refusal>(fleet.url, b, 'createVehicle', `vehicle { id } ${ERRORS}`, {
      plate: a.vehicle.plate,
      vin: a.vehicle.vin,
      make: 'VW',
      model: 'Golf',
      year: 2020,
      odometer: 0,
      odometerUnit: 'KM',
    });
    expect(same.userErrors).toEqual([]);
    expect(await odometerOf(fleet.url, a.tenantA, vehicleId)).toBe(200);
  });

  it('row-level security: in B’s transaction A’s rows are invisible and cannot be written, even without a tenant filter', async () => {
    const a = await seedA();
    const seen = await asTenant(fleet.db, a.tenantB.tenantId, async (tx) => ({
      vehicles: await tx.vehicle.count(),
      trips: await tx.trip.count(),
      fuel: await tx.fuelLog.count(),
      maintenance: await tx.maintenanceLog.count(),
      reminders: await tx.serviceReminder.count(),
      assignments: await tx.driverAssignment.count(),
      outbox: await tx.outboxEvent.count(),
      updated: (await tx.vehicle.updateMany({ where: { id: a.vehicle.id }, data: { make: 'Hacked' } })).count,
    }));
    expect(seen).toEqual({ vehicles: 0, trips: 0, fuel: 0, maintenance: 0, reminders: 0, assignments: 0, outbox: 0, updated: 0 });
    await expect(
      asTenant(fleet.db, a.tenantB.tenantId, (tx) =>
        tx.driverAssignment.create({ data: { tenantId: a.tenantA.tenantId, vehicleId: a.vehicle.id, employeeId: randomUUID() } }),
      ),
    ).rejects.toThrow();
    // A trip of B cannot point at A's vehicle (composite foreign key + policy).
    await expect(
      asTenant(fleet.db, a.tenantB.tenantId, (tx) =>
        tx.trip.create({
          data: {
            tenantId: a.tenantB.tenantId,
            vehicleId: a.vehicle.id,
            driverId: a.driverId,
            startedAt: new Date(),
            endedAt: new Date(),
            startOdometer: 900,
            endOdometer: 950,
          },
        }),
      ),
    ).rejects.toThrow();
  });

  it('refuses callers without a tenant', async () => {
    const response = await callSubgraph(fleet.url, anonymousCaller(), '{ vehicles { totalCount } }');
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const unsigned = await callSubgraph(fleet.url, null, '{ vehicles { totalCount } }');
    expect(unsigned.data?.vehicles ?? null).toBeNull();
  });
});
