import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asTenant, newCaller, query, recordedEvents } from '../../../packages/testkit/src/index.js';
import { logFuel, logMaintenance, recordTripAt, setServiceReminder, startFleet, vehicleWithDriver, type RunningFleet } from './harness.js';

// Years JavaScript's Date.UTC(y, ...) and new Date(y, m, d) would move to 1900 + y (below 100), and the edges of the Date scalar.
const YEARS = [1, 99, 100, 1999, 9999];
const day = (year: number) => `${String(year).padStart(4, '0')}-03-15`;

let fleet: RunningFleet;
beforeAll(async () => {
  fleet = await startFleet();
});
afterAll(async () => {
  await fleet.stop();
});

describe('dates are stored exactly as given', () => {
  it('fuel and maintenance days, trip instants and last-service days of years 1, 99, 100, 1999 and 9999 round-trip', async () => {
    const caller = newCaller();
    const { vehicle, driverId } = await vehicleWithDriver(fleet.url, caller, { odometer: 0, currency: 'EUR' });
    let odometer = 0;
    for (const year of YEARS) {
      const date = day(year);
      const fuel = await logFuel(fleet.url, caller, { vehicleId: vehicle.id, odometer: (odometer += 10), date });
      expect(fuel.userErrors, date).toEqual([]);
      expect(fuel.fuelLog!.date).toBe(date);
      const maintenance = await logMaintenance(fleet.url, caller, { vehicleId: vehicle.id, odometer: (odometer += 10), date });
      expect(maintenance.userErrors, date).toEqual([]);
      expect(maintenance.maintenanceLog!.date).toBe(date);
      const trip = await recordTripAt(fleet.url, caller, {
        vehicleId: vehicle.id,
        driverId,
        start: odometer,
        end: (odometer += 10),
        startedAt: `${date}T08:00:00.000Z`,
        endedAt: `${date}T09:30:00.000Z`,
      });
      expect(trip.userErrors, date).toEqual([]);
      expect(trip.trip).toMatchObject({ startedAt: `${date}T08:00:00.000Z`, endedAt: `${date}T09:30:00.000Z` });
      // Each year's costs are found by a range of that day alone.
      const cost = await query<{ vehicle: { totalCost: { amount: string } } }>(
        fleet.url,
        caller,
        'query($id: ID!, $day: Date!) { vehicle(id: $id) { totalCost(range: { from: $day, to: $day }) { amount } } }',
        { id: vehicle.id, day: date },
      );
      expect(cost.vehicle.totalCost.amount, date).toBe('230.00');
    }

    // Read back through the API and from the rows.
    const lists = await query<{
      fuelLogs: { edges: { node: { date: string } }[] };
      maintenanceLogs: { edges: { node: { date: string } }[] };
      vehicleTrips: { edges: { node: { startedAt: string; endedAt: string } }[] };
    }>(
      fleet.url,
      caller,
      `query($id: ID!) { fuelLogs(vehicleId: $id) { edges { node { date } } } maintenanceLogs(vehicleId: $id) { edges { node { date } } }
         vehicleTrips(vehicleId: $id) { edges { node { startedAt endedAt } } } }`,
      { id: vehicle.id },
    );
    expect(lists.fuelLogs.edges.map((e) => e.node.date)).toEqual(YEARS.map(day));
    expect(lists.maintenanceLogs.edges.map((e) => e.node.date)).toEqual(YEARS.map(day));
    expect(lists.vehicleTrips.edges.map((e) => e.node.startedAt)).toEqual(YEARS.map((y) => `${day(y)}T08:00:00.000Z`));
    const rows = await asTenant(fleet.db, caller.tenantId, async (tx) => ({
      fuel: (await tx.fuelLog.findMany({ orderBy: { id: 'asc' } })).map((row) => row.date.toISOString()),
      maintenance: (await tx.maintenanceLog.findMany({ orderBy: { id: 'asc' } })).map((row) => row.date.toISOString()),
      trips: (await tx.trip.findMany({ orderBy: { id: 'asc' } })).map((row) => row.endedAt.toISOString()),
    }));
    expect(rows.fuel).toEqual(YEARS.map((y) => `${day(y)}T00:00:00.000Z`));
    expect(rows.maintenance).toEqual(YEARS.map((y) => `${day(y)}T00:00:00.000Z`));
    expect(rows.trips).toEqual(YEARS.map((y) => `${day(y)}T09:30:00.000Z`));
    const costDays = (await recordedEvents(fleet.db, caller.tenantId, 'fleet.cost.recorded')).map((event) => event.data.day);
    expect(costDays).toEqual(YEARS.flatMap((y) => [day(y), day(y)]));

    // Service reminders: the last service day round-trips and the due day is 12 months on, in the same era.
    for (const year of YEARS.filter((y) => y < 9999)) {
      const set = await setServiceReminder(fleet.url, caller, {
        vehicleId: vehicle.id,
        kind: `inspection ${year}`,
        everyMonths: 12,
        lastServiceDate: day(year),
      });
      expect(set.userErrors, day(year)).toEqual([]);
      expect(set.serviceReminder).toMatchObject({ lastServiceDate: day(year), dueDate: day(year + 1) });
    }
    // A last service in 9999 is in the future: refused, not moved.
    const future = await setServiceReminder(fleet.url, caller, {
      vehicleId: vehicle.id,
      kind: 'inspection 9999',
      everyMonths: 12,
      lastServiceDate: day(9999),
    });
    expect(future.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'lastServiceDate'] })]);
    // A maintenance log of the reminder's kind restarts it from the log's day, exactly.
    const restarted = await logMaintenance(fleet.url, caller, {
      vehicleId: vehicle.id,
      odometer: (odometer += 10),
      date: day(99),
      serviceKind: 'inspection 1',
    });
    expect(restarted.userErrors).toEqual([]);
    const reminders = await asTenant(fleet.db, caller.tenantId, (tx) => tx.serviceReminder.findMany({ where: { kind: 'INSPECTION_1' } }));
    expect(reminders.map((r) => [r.lastServiceDate.toISOString(), r.dueDate?.toISOString()])).toEqual([
      [`${day(99)}T00:00:00.000Z`, `${day(100)}T00:00:00.000Z`],
    ]);
  });
});
