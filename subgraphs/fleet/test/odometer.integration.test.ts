import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asTenant, newCaller, query } from '../../../packages/testkit/src/index.js';
import { logFuel, logMaintenance, odometerOf, recordTrip, startFleet, vehicleWithDriver, type RunningFleet } from './harness.js';

let fleet: RunningFleet;
beforeAll(async () => {
  fleet = await startFleet();
});
afterAll(async () => {
  await fleet.stop();
});

const codes = (payload: { userErrors: { code: string }[] }) => payload.userErrors.map((e) => e.code);

async function counts(tenantId: string, vehicleId: string) {
  return asTenant(fleet.db, tenantId, async (tx) => ({
    trips: await tx.trip.count({ where: { vehicleId } }),
    fuel: await tx.fuelLog.count({ where: { vehicleId } }),
    maintenance: await tx.maintenanceLog.count({ where: { vehicleId } }),
    events: await tx.outboxEvent.count({ where: { tenantId, type: { in: ['fleet.trip.recorded', 'fleet.cost.recorded'] } } }),
  }));
}

describe('odometer readings never go backwards', () => {
  it('a trip advances the odometer, derives its distance, and the next trip cannot start below it', async () => {
    const caller = newCaller();
    const { vehicle, driverId } = await vehicleWithDriver(fleet.url, caller);
    const first = await recordTrip(fleet.url, caller, { vehicleId: vehicle.id, driverId, start: 1000, end: 1120 });
    expect(first.userErrors).toEqual([]);
    expect(first.trip).toMatchObject({ startOdometer: 1000, endOdometer: 1120, distance: 120, unit: 'KM', driver: { id: driverId } });
    expect(first.trip!.vehicle.odometer).toBe(1120);

    const before = await counts(caller.tenantId, vehicle.id);
    const backwards = await recordTrip(fleet.url, caller, { vehicleId: vehicle.id, driverId, start: 1119, end: 1200 });
    expect(backwards.trip).toBeNull();
    expect(backwards.userErrors).toEqual([expect.objectContaining({ code: 'ODOMETER_BACKWARDS', field: ['input', 'startOdometer'] })]);
    expect(await odometerOf(fleet.url, caller, vehicle.id)).toBe(1120);
    expect(await counts(caller.tenantId, vehicle.id)).toEqual(before);

    // Starting exactly where the last one ended is fine; so is a zero-distance trip.
    expect(codes(await recordTrip(fleet.url, caller, { vehicleId: vehicle.id, driverId, start: 1120, end: 1130 }))).toEqual([]);
    expect(codes(await recordTrip(fleet.url, caller, { vehicleId: vehicle.id, driverId, start: 1130, end: 1130 }))).toEqual([]);
    expect(await odometerOf(fleet.url, caller, vehicle.id)).toBe(1130);
  });

  it('a trip cannot start below the odometer the vehicle was created with, nor end below its start', async () => {
    const caller = newCaller();
    const { vehicle, driverId } = await vehicleWithDriver(fleet.url, caller, { odometer: 5000 });
    const below = await recordTrip(fleet.url, caller, { vehicleId: vehicle.id, driverId, start: 4999, end: 5100 });
    expect(codes(below)).toEqual(['ODOMETER_BACKWARDS']);
    const reversed = await recordTrip(fleet.url, caller, { vehicleId: vehicle.id, driverId, start: 5100, end: 5050 });
    expect(reversed.userErrors).toEqual([expect.objectContaining({ code: 'ODOMETER_BACKWARDS', field: ['input', 'endOdometer'] })]);
    const negative = await recordTrip(fleet.url, caller, { vehicleId: vehicle.id, driverId, start: -1, end: 5050 });
    expect(codes(negative)).toEqual(['INVALID']);
    expect(await odometerOf(fleet.url, caller, vehicle.id)).toBe(5000);
    expect(await counts(caller.tenantId, vehicle.id)).toMatchObject({ trips: 0, events: 0 });
  });

  it('a fuel log reading below the odometer is refused; at or above it advances the odometer', async () => {
    const caller = newCaller();
    const { vehicle } = await vehicleWithDriver(fleet.url, caller, { odometer: 2000 });
    const low = await logFuel(fleet.url, caller, { vehicleId: vehicle.id, odometer: 1999 });
    expect(low.fuelLog).toBeNull();
    expect(low.userErrors).toEqual([expect.objectContaining({ code: 'ODOMETER_BACKWARDS', field: ['input', 'odometer'] })]);
    expect(await counts(caller.tenantId, vehicle.id)).toMatchObject({ fuel: 0, events: 0 });

    const same = await logFuel(fleet.url, caller, { vehicleId: vehicle.id, odometer: 2000 });
    expect(same.userErrors).toEqual([]);
    const ahead = await logFuel(fleet.url, caller, { vehicleId: vehicle.id, odometer: 2450 });
    expect(ahead.fuelLog).toMatchObject({ odometer: 2450, quantity: '45.5', unit: 'L', cost: { amount: '80.00', currency: 'EUR' } });
    expect(ahead.fuelLog!.vehicle.odometer).toBe(2450);
    expect(codes(await logFuel(fleet.url, caller, { vehicleId: vehicle.id, odometer: 2449 }))).toEqual(['ODOMETER_BACKWARDS']);
    expect(await odometerOf(fleet.url, caller, vehicle.id)).toBe(2450);
  });

  it('a maintenance log reading below the odometer is refused; a trip after it cannot start below it', async () => {
    const caller = newCaller();
    const { vehicle, driverId } = await vehicleWithDriver(fleet.url, caller, { odometer: 3000 });
    expect(codes(await logMaintenance(fleet.url, caller, { vehicleId: vehicle.id, odometer: 2999 }))).toEqual(['ODOMETER_BACKWARDS']);
    expect(await counts(caller.tenantId, vehicle.id)).toMatchObject({ maintenance: 0, events: 0 });
    expect(codes(await logMaintenance(fleet.url, caller, { vehicleId: vehicle.id, odometer: 3300 }))).toEqual([]);
    expect(codes(await recordTrip(fleet.url, caller, { vehicleId: vehicle.id, driverId, start: 3200, end: 3400 }))).toEqual([
      'ODOMETER_BACKWARDS',
    ]);
    expect(codes(await recordTrip(fleet.url, caller, { vehicleId: vehicle.id, driverId, start: 3300, end: 3400 }))).toEqual([]);
    expect(await odometerOf(fleet.url, caller, vehicle.id)).toBe(3400);
  });

  it('the database itself refuses a lower odometer, a trip ending below its start and overlapping trips', async () => {
    const caller = newCaller();
    const { vehicle, driverId } = await vehicleWithDriver(fleet.url, caller, { odometer: 100 });
    expect(codes(await recordTrip(fleet.url, caller, { vehicleId: vehicle.id, driverId, start: 100, end: 200 }))).toEqual([]);
    await expect(
      asTenant(fleet.db, caller.tenantId, (tx) => tx.vehicle.update({ where: { id: vehicle.id }, data: { odometer: 150 } })),
    ).rejects.toThrow();
    await expect(
      asTenant(fleet.db, caller.tenantId, (tx) =>
        tx.trip.create({
          data: {
            tenantId: caller.tenantId,
            vehicleId: vehicle.id,
            driverId,
            startedAt: new Date(),
            endedAt: new Date(),
            startOdometer: 300,
            endOdometer: 250,
          },
        }),
      ),
    ).rejects.toThrow();
    await expect(
      asTenant(fleet.db, caller.tenantId, (tx) =>
        tx.trip.create({
          data: {
            tenantId: caller.tenantId,
            vehicleId: vehicle.id,
            driverId,
            startedAt: new Date(),
            endedAt: new Date(),
            startOdometer: 150,
            endOdometer: 180,
          },
        }),
      ),
    ).rejects.toThrow();
    expect(await odometerOf(fleet.url, caller, vehicle.id)).toBe(200);
    expect((await counts(caller.tenantId, vehicle.id)).trips).toBe(1);
  });
});

describe('concurrent trip submissions for one vehicle', () => {
  it('parallel trips all starting from the same reading: exactly one is accepted, the others are refused', async () => {
    const caller = newCaller();
    const { vehicle, driverId } = await vehicleWithDriver(fleet.url, caller, { odometer: 1000 });
    const ends = Array.from({ length: 8 }, (_, i) => 1010 + i * 10);
    const results = await Promise.all(
      ends.map((end) => recordTrip(fleet.url, caller, { vehicleId: vehicle.id, driverId, start: 1000, end })),
    );
    const accepted = results.filter((r) => r.trip !== null);
    expect(accepted).toHaveLength(1);
    for (const refused of results.filter((r) => r.trip === null)) expect(codes(refused)).toEqual(['ODOMETER_BACKWARDS']);
    const odometer = await odometerOf(fleet.url, caller, vehicle.id);
    expect(odometer).toBe(accepted[0]!.trip!.endOdometer);
    expect((await counts(caller.tenantId, vehicle.id)).trips).toBe(1);
  });

  it('parallel chained trips: the accepted ones never overlap and the odometer ends at the highest accepted end reading', async () => {
    const caller = newCaller();
    const { vehicle, driverId } = await vehicleWithDriver(fleet.url, caller, { odometer: 0 });
    // Trips 0-100, 100-200, ... submitted all at once, in scrambled order, plus fuel logs in between.
    const legs = [3, 0, 5, 1, 7, 2, 6, 4].map((i) => ({ start: i * 100, end: i * 100 + 100 }));
    const [trips, fuel] = await Promise.all([
      Promise.all(legs.map((leg) => recordTrip(fleet.url, caller, { vehicleId: vehicle.id, driverId, ...leg }))),
      Promise.all([150, 450].map((odometer) => logFuel(fleet.url, caller, { vehicleId: vehicle.id, odometer }))),
    ]);
    for (const result of [...trips, ...fuel]) {
      if (result.userErrors.length > 0) expect(codes(result)).toEqual(['ODOMETER_BACKWARDS']);
    }
    const accepted = trips.filter((r) => r.trip !== null).map((r) => r.trip as { startOdometer: number; endOdometer: number });
    expect(accepted.length).toBeGreaterThan(0);
    const stored = await asTenant(fleet.db, caller.tenantId, (tx) =>
      tx.trip.findMany({ where: { vehicleId: vehicle.id }, orderBy: { startOdometer: 'asc' } }),
    );
    expect(stored).toHaveLength(accepted.length);
    for (let i = 1; i < stored.length; i += 1) expect(stored[i]!.startOdometer).toBeGreaterThanOrEqual(stored[i - 1]!.endOdometer);
    const fuelReadings = fuel.filter((r) => r.fuelLog !== null).map((r) => r.fuelLog!.odometer as number);
    const highest = Math.max(...accepted.map((t) => t.endOdometer), ...fuelReadings);
    expect(await odometerOf(fleet.url, caller, vehicle.id)).toBe(highest);
    // And no trip accepted starts below a reading that was already recorded before it (the fuel logs included).
    const fuelLogs = await asTenant(fleet.db, caller.tenantId, (tx) => tx.fuelLog.findMany({ where: { vehicleId: vehicle.id } }));
    for (const log of fuelLogs) {
      for (const trip of stored) expect(trip.startOdometer >= log.odometer || trip.endOdometer <= log.odometer).toBe(true);
    }
  });

  it('parallel trips on two vehicles do not block each other', async () => {
    const caller = newCaller();
    const a = await vehicleWithDriver(fleet.url, caller, { odometer: 0 });
    const b = await vehicleWithDriver(fleet.url, caller, { odometer: 0 });
    const results = await Promise.all([
      recordTrip(fleet.url, caller, { vehicleId: a.vehicle.id, driverId: a.driverId, start: 0, end: 10 }),
      recordTrip(fleet.url, caller, { vehicleId: b.vehicle.id, driverId: b.driverId, start: 0, end: 20 }),
    ]);
    expect(results.map(codes)).toEqual([[], []]);
    const data = await query(
      fleet.url,
      caller,
      'query($a: ID!, $b: ID!) { a: vehicle(id: $a) { odometer } b: vehicle(id: $b) { odometer } }',
      {
        a: a.vehicle.id,
        b: b.vehicle.id,
      },
    );
    expect(data).toEqual({ a: { odometer: 10 }, b: { odometer: 20 } });
  });

  it('trips need an assigned driver and an ACTIVE vehicle', async () => {
    const caller = newCaller();
    const { vehicle } = await vehicleWithDriver(fleet.url, caller);
    expect(codes(await recordTrip(fleet.url, caller, { vehicleId: vehicle.id, driverId: randomUUID(), start: 1000, end: 1010 }))).toEqual([
      'DRIVER_NOT_ASSIGNED',
    ]);
    expect(await odometerOf(fleet.url, caller, vehicle.id)).toBe(1000);
  });
});
