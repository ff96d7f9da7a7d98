import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventContracts } from '@tessera/events';
import { mutate, newCaller, recordedEvents } from '../../../packages/testkit/src/index.js';
import { ERRORS, logFuel, logMaintenance, recordTrip, startFleet, vehicleWithDriver, type RunningFleet, type Refusal } from './harness.js';

let fleet: RunningFleet;
beforeAll(async () => {
  fleet = await startFleet();
});
afterAll(async () => {
  await fleet.stop();
});

describe('outbox events', () => {
  it('records vehicle, trip and cost events in the transaction of the change, valid against their contracts', async () => {
    const caller = newCaller();
    const { vehicle, driverId } = await vehicleWithDriver(fleet.url, caller, { odometer: 500, plate: 'EV 1' });
    const trip = (await recordTrip(fleet.url, caller, { vehicleId: vehicle.id, driverId, start: 500, end: 620 })).trip;
    const fuel = (
      await logFuel(fleet.url, caller, {
        vehicleId: vehicle.id,
        odometer: 620,
        date: '2026-11-19',
        cost: { amount: '55.5', currency: 'EUR' },
      })
    ).fuelLog;
    const work = (await logMaintenance(fleet.url, caller, { vehicleId: vehicle.id, odometer: 630, date: '2026-11-20' })).maintenanceLog;
    // Refused changes record nothing.
    await recordTrip(fleet.url, caller, { vehicleId: vehicle.id, driverId, start: 100, end: 200 });
    await logFuel(fleet.url, caller, { vehicleId: vehicle.id, odometer: 1 });
    await mutate<Refusal>(fleet.url, caller, 'retireVehicle', ERRORS, { vehicleId: vehicle.id });

    const events = await recordedEvents(fleet.db, caller.tenantId);
    expect(events.map((e) => [e.type, e.subjectId])).toEqual([
      ['fleet.vehicle.created', vehicle.id],
      ['fleet.trip.recorded', trip!.id],
      ['fleet.cost.recorded', fuel!.id],
      ['fleet.cost.recorded', work!.id],
      ['fleet.vehicle.retired', vehicle.id],
    ]);
    expect(events[0]!.data).toMatchObject({ plate: 'EV 1', odometer: 500, unit: 'KM', currency: 'EUR' });
    expect(events[1]!.data).toEqual({
      vehicleId: vehicle.id,
      driverId,
      startedAt: '2026-11-20T08:00:00.000Z',
      endedAt: '2026-11-20T09:00:00.000Z',
      startOdometer: 500,
      endOdometer: 620,
      distance: 120,
      unit: 'KM',
    });
    expect(events[2]!.data).toEqual({
      vehicleId: vehicle.id,
      kind: 'FUEL',
      amount: { amount: '55.50', currency: 'EUR' },
      day: '2026-11-19',
    });
    expect(events[3]!.data).toEqual({
      vehicleId: vehicle.id,
      kind: 'MAINTENANCE',
      amount: { amount: '150.00', currency: 'EUR' },
      day: '2026-11-20',
    });
    expect(events[4]!.data).toMatchObject({ odometer: 630 });
    expect(events[1]!.subject).toBe(`fleet_tests.fleet.${caller.tenantId}.trip.recorded`);
    for (const event of events) {
      const contract = eventContracts[event.type as keyof typeof eventContracts];
      expect(contract.data.safeParse(event.data).success).toBe(true);
    }
  });
});
