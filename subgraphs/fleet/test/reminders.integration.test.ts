import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutate, newCaller, query } from '../../../packages/testkit/src/index.js';
import {
  createVehicle,
  ERRORS,
  logFuel,
  logMaintenance,
  REMINDER_FIELDS,
  startFleet,
  type RunningFleet,
  type Payload,
  type Refusal,
  type ReminderShape,
} from './harness.js';

// The clock is fixed: today is 2026-11-21.
const TODAY = new Date('2026-11-21T10:00:00.000Z');
let fleet: RunningFleet;
beforeAll(async () => {
  fleet = await startFleet({ now: () => TODAY });
});
afterAll(async () => {
  await fleet.stop();
});

type Caller = ReturnType<typeof newCaller>;
const codes = (payload: { userErrors: { code: string }[] }) => payload.userErrors.map((e) => e.code);
const setReminder = (caller: Caller, input: Record<string, unknown>) =>
  mutate<Payload<'serviceReminder', ReminderShape>>(
    fleet.url,
    caller,
    'setServiceReminder',
    `serviceReminder { ${REMINDER_FIELDS} } ${ERRORS}`,
    input,
  );
async function due(caller: Caller, withinDays: number, withinDistance: number) {
  const data = await query<{ dueReminders: { edges: { node: { kind: string; vehicle: { id: string } } }[] } }>(
    fleet.url,
    caller,
    `query($d: Int, $k: Int) { dueReminders(withinDays: $d, withinDistance: $k) { totalCount edges { node { kind vehicle { id } } } } }`,
    { d: withinDays, k: withinDistance },
  );
  return data.dueReminders.edges.map((e) => `${e.node.vehicle.id}:${e.node.kind}`);
}

describe('service reminders', () => {
  it('due by date: 12 months from the last service, found within the given days', async () => {
    const caller = newCaller();
    const vehicle = await createVehicle(fleet.url, caller, { odometer: 1000 });
    const set = await setReminder(caller, { vehicleId: vehicle.id, kind: 'inspection', everyMonths: 12, lastServiceDate: '2025-12-01' });
    expect(set.userErrors).toEqual([]);
    expect(set.serviceReminder).toMatchObject({
      kind: 'INSPECTION',
      everyMonths: 12,
      everyDistance: null,
      lastServiceDate: '2025-12-01',
      lastServiceOdometer: 1000,
      dueDate: '2026-12-01',
      dueOdometer: null,
      remainingDistance: null,
      isDue: false,
    });
    expect(await due(caller, 0, 0)).toEqual([]);
    expect(await due(caller, 9, 0)).toEqual([]);
    expect(await due(caller, 10, 0)).toEqual([`${vehicle.id}:INSPECTION`]);
    // An overdue one is due today.
    await setReminder(caller, { vehicleId: vehicle.id, kind: 'inspection', everyMonths: 6, lastServiceDate: '2025-12-01' });
    expect(await due(caller, 0, 0)).toEqual([`${vehicle.id}:INSPECTION`]);
  });

  it('due by distance: every 15000 km from the last service; fuel logs move the odometer towards it; maintenance of the kind resets it', async () => {
    const caller = newCaller();
    const vehicle = await createVehicle(fleet.url, caller, { odometer: 1000 });
    const set = await setReminder(caller, { vehicleId: vehicle.id, kind: 'Oil change', everyDistance: 15000, everyMonths: 12 });
    expect(set.serviceReminder).toMatchObject({
      kind: 'OIL_CHANGE',
      lastServiceDate: '2026-11-21',
      lastServiceOdometer: 1000,
      dueOdometer: 16000,
      dueDate: '2027-11-21',
      remainingDistance: 15000,
      isDue: false,
    });
    expect(await due(caller, 0, 14999)).toEqual([]);
    expect(await due(caller, 0, 15000)).toEqual([`${vehicle.id}:OIL_CHANGE`]);
    await logFuel(fleet.url, caller, { vehicleId: vehicle.id, odometer: 16050 });
    expect(await due(caller, 0, 0)).toEqual([`${vehicle.id}:OIL_CHANGE`]);
    const next = await query<{ vehicle: { nextService: unknown } }>(
      fleet.url,
      caller,
      `query($id: ID!) { vehicle(id: $id) { nextService { kind isDue remainingDistance } } }`,
      {
        id: vehicle.id,
      },
    );
    expect(next.vehicle.nextService).toEqual({ kind: 'OIL_CHANGE', isDue: true, remainingDistance: -50 });

    // Other work does not reset it; the service of its kind does.
    await logMaintenance(fleet.url, caller, { vehicleId: vehicle.id, odometer: 16080, serviceKind: 'tyres' });
    expect(await due(caller, 0, 0)).toEqual([`${vehicle.id}:OIL_CHANGE`]);
    const done = await logMaintenance(fleet.url, caller, {
      vehicleId: vehicle.id,
      odometer: 16100,
      date: '2026-11-20',
      serviceKind: 'oil-change',
    });
    expect(done.maintenanceLog!.serviceKind).toBe('OIL_CHANGE');
    expect(await due(caller, 0, 0)).toEqual([]);
    const after = await query<{ vehicle: { serviceReminders: unknown } }>(
      fleet.url,
      caller,
      `query($id: ID!) { vehicle(id: $id) { serviceReminders { ${REMINDER_FIELDS} } } }`,
      {
        id: vehicle.id,
      },
    );
    expect(after.vehicle.serviceReminders).toEqual([
      expect.objectContaining({
        lastServiceDate: '2026-11-20',
        lastServiceOdometer: 16100,
        dueOdometer: 31100,
        dueDate: '2027-11-20',
        isDue: false,
      }),
    ]);
  });

  it('nextService: the due one first, then the earliest date; retired vehicles have no due reminders', async () => {
    const caller = newCaller();
    const vehicle = await createVehicle(fleet.url, caller, { odometer: 50000 });
    await setReminder(caller, { vehicleId: vehicle.id, kind: 'brakes', everyDistance: 40000, lastServiceOdometer: 20000 });
    await setReminder(caller, { vehicleId: vehicle.id, kind: 'inspection', everyMonths: 24 });
    await setReminder(caller, { vehicleId: vehicle.id, kind: 'oil', everyMonths: 12 });
    const next = () =>
      query<{ vehicle: { nextService: { kind: string } } }>(
        fleet.url,
        caller,
        `query($id: ID!) { vehicle(id: $id) { nextService { kind } } }`,
        { id: vehicle.id },
      );
    expect((await next()).vehicle.nextService.kind).toBe('OIL');
    await setReminder(caller, { vehicleId: vehicle.id, kind: 'brakes', everyDistance: 20000, lastServiceOdometer: 20000 });
    expect((await next()).vehicle.nextService.kind).toBe('BRAKES');
    expect(await due(caller, 0, 0)).toEqual([`${vehicle.id}:BRAKES`]);
    await mutate<Refusal>(fleet.url, caller, 'retireVehicle', ERRORS, { vehicleId: vehicle.id });
    expect(await due(caller, 0, 0)).toEqual([]);
  });

  it('refuses reminders without interval, with bad intervals or a last service ahead of the odometer', async () => {
    const caller = newCaller();
    const vehicle = await createVehicle(fleet.url, caller, { odometer: 100 });
    expect(codes(await setReminder(caller, { vehicleId: vehicle.id, kind: 'oil' }))).toEqual(['INVALID']);
    expect(codes(await setReminder(caller, { vehicleId: vehicle.id, kind: 'oil', everyMonths: 0 }))).toEqual(['INVALID']);
    expect(codes(await setReminder(caller, { vehicleId: vehicle.id, kind: 'oil', everyDistance: -5 }))).toEqual(['INVALID']);
    expect(codes(await setReminder(caller, { vehicleId: vehicle.id, kind: '!!', everyMonths: 1 }))).toEqual(['INVALID_SERVICE_KIND']);
    expect(codes(await setReminder(caller, { vehicleId: vehicle.id, kind: 'oil', everyMonths: 1, lastServiceOdometer: 101 }))).toEqual([
      'INVALID',
    ]);
    expect(codes(await setReminder(caller, { vehicleId: vehicle.id, kind: 'oil', everyMonths: 1, lastServiceDate: '2026-11-22' }))).toEqual(
      ['INVALID'],
    );
    const data = await query<{ vehicle: { serviceReminders: unknown } }>(
      fleet.url,
      caller,
      `query($id: ID!) { vehicle(id: $id) { serviceReminders { id } } }`,
      { id: vehicle.id },
    );
    expect(data.vehicle.serviceReminders).toEqual([]);
  });
});
