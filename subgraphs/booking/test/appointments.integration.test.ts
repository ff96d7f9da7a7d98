import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  announceReferences,
  asTenant,
  callSubgraph,
  codesOf,
  mutate,
  newCaller,
  query,
  recordedEvents,
  USER_ERRORS,
} from '../../../packages/testkit/src/index.js';
import { isExclusionViolation } from '@tessera/prisma';
import {
  APPOINTMENT_FIELDS,
  book,
  CONTACT_ID,
  countRows,
  createResource,
  createService,
  type Data,
  type Payload,
  requestAppointment,
  type RunningBooking,
  startBooking,
  transition,
} from './harness.js';

let booking: RunningBooking;
beforeAll(async () => {
  booking = await startBooking();
});
afterAll(async () => {
  await booking.stop();
});

/** Monday 2026-03-23 (CET, UTC+1) at a Berlin wall-clock time "HH:MM", as UTC ISO. */
const monday = (time: string) => new Date(Date.parse(`2026-03-23T${time}:00+01:00`)).toISOString();

async function setup(serviceInput: Record<string, unknown> = {}) {
  const caller = newCaller();
  const service = await createService(booking.url, caller, serviceInput);
  const resource = await createResource(booking.url, caller, [service.id]);
  return { caller, service, resource };
}

describe('requestAppointment', () => {
  it('books a free slot: REQUESTED, ends after the duration, at the service price, with a requested event', async () => {
    const { caller, service, resource } = await setup({ durationMinutes: 45, price: { amount: '49.995', currency: 'EUR' } });
    const appointment = await book(booking.url, caller, { serviceId: service.id, resourceId: resource.id, startsAt: monday('10:00') });
    expect(appointment).toMatchObject({
      status: 'REQUESTED',
      startsAt: '2026-03-23T09:00:00.000Z',
      endsAt: '2026-03-23T09:45:00.000Z',
      price: { amount: '50.00', currency: 'EUR' },
      service: { id: service.id, name: 'Haircut' },
      resource: { id: resource.id },
      contact: { id: CONTACT_ID },
    });
    const events = await recordedEvents(booking.db, caller.tenantId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'booking.appointment.requested',
      subjectId: appointment.id,
      data: {
        contactId: CONTACT_ID,
        serviceId: service.id,
        serviceName: 'Haircut',
        resourceId: resource.id,
        price: { amount: '50.00', currency: 'EUR' },
        startsAt: '2026-03-23T09:00:00.000Z',
        endsAt: '2026-03-23T09:45:00.000Z',
        status: 'REQUESTED',
      },
    });
    expect(events[0]!.subject).toBe(`bookingtest.booking.${caller.tenantId}.appointment.requested`);
  });

  it('lets exactly one of 10 parallel overlapping requests for one resource succeed; the others get SLOT_TAKEN', async () => {
    const { caller, service, resource } = await setup();
    const starts = Array.from({ length: 10 }, (_, i) => monday(`10:${String(i * 5).padStart(2, '0')}`));
    const results = await Promise.all(
      starts.map((startsAt, i) =>
        requestAppointment(booking.url, caller, {
          serviceId: service.id,
          resourceId: resource.id,
          startsAt,
          contactId: `0190f3a0-0000-7000-8000-0000000001${String(i).padStart(2, '0')}`,
        }),
      ),
    );
    const booked = results.filter((payload) => payload.appointment !== null);
    expect(booked).toHaveLength(1);
    const refused = results.filter((payload) => payload.appointment === null);
    expect(refused.map((payload) => codesOf(payload))).toEqual(Array.from({ length: 9 }, () => ['SLOT_TAKEN']));
    const rows = await countRows(booking.db, caller.tenantId);
    expect(rows.appointments).toBe(1);
    expect(rows.outbox).toBe(1);
  });

  it('refuses the same slot again, and frees it when the appointment is cancelled', async () => {
    const { caller, service, resource } = await setup();
    const first = await book(booking.url, caller, { serviceId: service.id, resourceId: resource.id, startsAt: monday('10:00') });
    const again = await requestAppointment(booking.url, caller, {
      serviceId: service.id,
      resourceId: resource.id,
      startsAt: monday('10:30'),
    });
    expect(codesOf(again)).toEqual(['SLOT_TAKEN']);
    expect(again.userErrors[0].field).toEqual(['input', 'startsAt']);
    await transition(booking.url, caller, 'cancelAppointment', { appointmentId: first.id, reason: 'Sick' });
    await book(booking.url, caller, { serviceId: service.id, resourceId: resource.id, startsAt: monday('10:30') });
  });

  it('respects buffers: back to back is refused with buffers and allowed without them', async () => {
    const caller = newCaller();
    const plain = await createService(booking.url, caller, { name: 'Plain' });
    const after = await createService(booking.url, caller, { name: 'Cleanup after', bufferAfterMinutes: 15 });
    const before = await createService(booking.url, caller, { name: 'Prep before', bufferBeforeMinutes: 10 });
    const resource = await createResource(booking.url, caller, [plain.id, after.id, before.id]);
    const target = { resourceId: resource.id };

    // Without buffers: 10:00-11:00 and 11:00-12:00 touch and are both fine.
    await book(booking.url, caller, { ...target, serviceId: plain.id, startsAt: monday('10:00') });
    await book(booking.url, caller, { ...target, serviceId: plain.id, startsAt: monday('11:00') });

    // 13:00-14:00 with 15 minutes after blocks until 14:15: 14:00 is refused, 14:15 is fine.
    await book(booking.url, caller, { ...target, serviceId: after.id, startsAt: monday('13:00') });
    const tooSoon = await requestAppointment(booking.url, caller, { ...target, serviceId: plain.id, startsAt: monday('14:00') });
    expect(codesOf(tooSoon)).toEqual(['SLOT_TAKEN']);
    await book(booking.url, caller, { ...target, serviceId: plain.id, startsAt: monday('14:15') });

    // A service needing 10 minutes before cannot start right after 15:15 ends; it can at 15:25.
    const blockedBefore = await requestAppointment(booking.url, caller, { ...target, serviceId: before.id, startsAt: monday('15:15') });
    expect(codesOf(blockedBefore)).toEqual(['SLOT_TAKEN']);
    await book(booking.url, caller, { ...target, serviceId: before.id, startsAt: monday('15:25') });
    expect((await countRows(booking.db, caller.tenantId)).appointments).toBe(5);
  });

  it('refuses starts outside availability (before opening, running past closing, on a closed date override)', async () => {
    const { caller, service, resource } = await setup();
    const target = { serviceId: service.id, resourceId: resource.id };
    expect(codesOf(await requestAppointment(booking.url, caller, { ...target, startsAt: monday('08:30') }))).toEqual([
      'OUTSIDE_AVAILABILITY',
    ]);
    expect(codesOf(await requestAppointment(booking.url, caller, { ...target, startsAt: monday('16:30') }))).toEqual([
      'OUTSIDE_AVAILABILITY',
    ]);
    await book(booking.url, caller, { ...target, startsAt: monday('16:00') });
    const closed = await mutate<Payload>(booking.url, caller, 'setDateOverride', `resource { id } ${USER_ERRORS}`, {
      resourceId: resource.id,
      date: '2026-03-24',
    });
    expect(closed.userErrors).toEqual([]);
    const tuesday = new Date(Date.parse('2026-03-24T10:00:00+01:00')).toISOString();
    expect(codesOf(await requestAppointment(booking.url, caller, { ...target, startsAt: tuesday }))).toEqual(['OUTSIDE_AVAILABILITY']);
    // Different hours that day: 18:00-20:00 instead.
    await mutate<Payload>(booking.url, caller, 'setDateOverride', `resource { id } ${USER_ERRORS}`, {
      resourceId: resource.id,
      date: '2026-03-24',
      intervals: [{ start: '18:00', end: '20:00' }],
    });
    await book(booking.url, caller, { ...target, startsAt: new Date(Date.parse('2026-03-24T18:00:00+01:00')).toISOString() });
    expect((await countRows(booking.db, caller.tenantId)).appointments).toBe(2);
  });

  it('follows the resource time zone across the DST change: 09:00 Berlin is 08:00Z on 2026-03-28 and 07:00Z on 2026-03-29', async () => {
    const { caller, service, resource } = await setup();
    const target = { serviceId: service.id, resourceId: resource.id };
    expect(codesOf(await requestAppointment(booking.url, caller, { ...target, startsAt: '2026-03-28T07:00:00.000Z' }))).toEqual([
      'OUTSIDE_AVAILABILITY',
    ]);
    await book(booking.url, caller, { ...target, startsAt: '2026-03-28T08:00:00.000Z' });
    await book(booking.url, caller, { ...target, startsAt: '2026-03-29T07:00:00.000Z' });
    // 16:00-17:00 CEST on 2026-03-29 is 14:00Z-15:00Z; 15:00Z would end at 18:00 local.
    await book(booking.url, caller, { ...target, startsAt: '2026-03-29T14:00:00.000Z' });
    expect(codesOf(await requestAppointment(booking.url, caller, { ...target, startsAt: '2026-03-29T15:00:00.000Z' }))).toEqual([
      'OUTSIDE_AVAILABILITY',
    ]);
  });

  it('refuses the past and starts inside the minimum notice', async () => {
    const { caller, service, resource } = await setup({ minimumNoticeMinutes: 24 * 60 });
    const target = { serviceId: service.id, resourceId: resource.id };
    booking.clock.set('2026-03-23T08:00:00.000Z');
    try {
      expect(codesOf(await requestAppointment(booking.url, caller, { ...target, startsAt: '2026-03-23T07:00:00.000Z' }))).toEqual([
        'IN_THE_PAST',
      ]);
      expect(codesOf(await requestAppointment(booking.url, caller, { ...target, startsAt: monday('10:00') }))).toEqual([
        'TOO_SHORT_NOTICE',
      ]);
      const tuesday = new Date(Date.parse('2026-03-24T10:00:00+01:00')).toISOString();
      await book(booking.url, caller, { ...target, startsAt: tuesday });
    } finally {
      booking.clock.set('2026-03-20T00:00:00.000Z');
    }
    expect((await countRows(booking.db, caller.tenantId)).appointments).toBe(1);
  });

  it('refuses unknown and inactive services, services the resource does not offer, and bad contact ids, changing nothing', async () => {
    const { caller, service, resource } = await setup();
    const other = await createService(booking.url, caller, { name: 'Not offered' });
    const inactive = await createService(booking.url, caller, { name: 'Retired', active: false });
    await mutate<Payload>(booking.url, caller, 'setResourceServices', `resource { id } ${USER_ERRORS}`, {
      resourceId: resource.id,
      serviceIds: [service.id, inactive.id],
    });
    const startsAt = monday('10:00');
    expect(codesOf(await requestAppointment(booking.url, caller, { serviceId: other.id, resourceId: resource.id, startsAt }))).toEqual([
      'SERVICE_NOT_OFFERED',
    ]);
    expect(codesOf(await requestAppointment(booking.url, caller, { serviceId: inactive.id, resourceId: resource.id, startsAt }))).toEqual([
      'SERVICE_INACTIVE',
    ]);
    expect(codesOf(await requestAppointment(booking.url, caller, { serviceId: CONTACT_ID, resourceId: resource.id, startsAt }))).toEqual([
      'NOT_FOUND',
    ]);
    expect(
      codesOf(
        await requestAppointment(booking.url, caller, { serviceId: service.id, resourceId: resource.id, startsAt, contactId: 'nope' }),
      ),
    ).toEqual(['INVALID']);
    const rows = await countRows(booking.db, caller.tenantId);
    expect(rows.appointments).toBe(0);
    expect(rows.outbox).toBe(0);
  });
});

describe('appointment state machine', () => {
  it('REQUESTED -> CONFIRMED -> COMPLETED once started, with events; final states refuse further moves', async () => {
    const { caller, service, resource } = await setup({ price: { amount: '80', currency: 'EUR' } });
    const appointment = await book(booking.url, caller, { serviceId: service.id, resourceId: resource.id, startsAt: monday('10:00') });

    expect(codesOf(await transition(booking.url, caller, 'completeAppointment', { appointmentId: appointment.id }))).toEqual([
      'INVALID_TRANSITION',
    ]);
    const confirmed = await transition(booking.url, caller, 'confirmAppointment', { appointmentId: appointment.id });
    expect(confirmed.appointment).toMatchObject({ status: 'CONFIRMED', confirmedAt: '2026-03-20T00:00:00.000Z' });
    expect(codesOf(await transition(booking.url, caller, 'confirmAppointment', { appointmentId: appointment.id }))).toEqual([
      'INVALID_TRANSITION',
    ]);
    // Not before it starts.
    expect(codesOf(await transition(booking.url, caller, 'completeAppointment', { appointmentId: appointment.id }))).toEqual([
      'NOT_STARTED',
    ]);

    booking.clock.set('2026-03-23T10:00:00.000Z');
    try {
      const completed = await transition(booking.url, caller, 'completeAppointment', { appointmentId: appointment.id });
      expect(completed.appointment).toMatchObject({ status: 'COMPLETED', completedAt: '2026-03-23T10:00:00.000Z' });
    } finally {
      booking.clock.set('2026-03-20T00:00:00.000Z');
    }
    for (const name of ['cancelAppointment', 'markNoShow', 'confirmAppointment'] as const) {
      expect(codesOf(await transition(booking.url, caller, name, { appointmentId: appointment.id }))).toEqual(['INVALID_TRANSITION']);
    }

    const events = await recordedEvents(booking.db, caller.tenantId);
    expect(events.map((event) => event.type)).toEqual([
      'booking.appointment.requested',
      'booking.appointment.confirmed',
      'booking.appointment.completed',
    ]);
    expect(events[2]).toMatchObject({
      subjectId: appointment.id,
      data: {
        contactId: CONTACT_ID,
        serviceId: service.id,
        serviceName: 'Haircut',
        resourceId: resource.id,
        price: { amount: '80.00', currency: 'EUR' },
        startsAt: '2026-03-23T09:00:00.000Z',
        endsAt: '2026-03-23T10:00:00.000Z',
        status: 'COMPLETED',
        completedAt: '2026-03-23T10:00:00.000Z',
      },
    });
  });

  it('marks a started CONFIRMED appointment as NO_SHOW, and cancels with a reason (which frees nothing else)', async () => {
    const { caller, service, resource } = await setup();
    const first = await book(booking.url, caller, { serviceId: service.id, resourceId: resource.id, startsAt: monday('10:00') });
    const second = await book(booking.url, caller, { serviceId: service.id, resourceId: resource.id, startsAt: monday('12:00') });
    await transition(booking.url, caller, 'confirmAppointment', { appointmentId: first.id });
    expect(codesOf(await transition(booking.url, caller, 'markNoShow', { appointmentId: second.id }))).toEqual(['INVALID_TRANSITION']);
    booking.clock.set('2026-03-23T09:10:00.000Z');
    try {
      const noShow = await transition(booking.url, caller, 'markNoShow', { appointmentId: first.id });
      expect(noShow.appointment).toMatchObject({ status: 'NO_SHOW', noShowAt: '2026-03-23T09:10:00.000Z' });
    } finally {
      booking.clock.set('2026-03-20T00:00:00.000Z');
    }
    // A no-show still holds its slot.
    expect(
      codesOf(await requestAppointment(booking.url, caller, { serviceId: service.id, resourceId: resource.id, startsAt: monday('10:00') })),
    ).toEqual(['SLOT_TAKEN']);
    const tooLong = await transition(booking.url, caller, 'cancelAppointment', { appointmentId: second.id, reason: 'x'.repeat(1001) });
    expect(codesOf(tooLong)).toEqual(['INVALID']);
    const cancelled = await transition(booking.url, caller, 'cancelAppointment', {
      appointmentId: second.id,
      reason: '  Customer moved  ',
    });
    expect(cancelled.appointment).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'Customer moved',
      cancelledAt: '2026-03-20T00:00:00.000Z',
    });
    const events = await recordedEvents(booking.db, caller.tenantId);
    expect(events.map((event) => event.type)).toEqual([
      'booking.appointment.requested',
      'booking.appointment.requested',
      'booking.appointment.confirmed',
      'booking.appointment.no_show',
      'booking.appointment.cancelled',
    ]);
    expect(events[4]!.data).toMatchObject({ reason: 'Customer moved', status: 'CANCELLED' });
    expect(codesOf(await transition(booking.url, caller, 'confirmAppointment', { appointmentId: CONTACT_ID }))).toEqual(['NOT_FOUND']);
    expect(codesOf(await transition(booking.url, caller, 'confirmAppointment', { appointmentId: 'not-an-id' }))).toEqual(['NOT_FOUND']);
  });
});

describe('availableSlots', () => {
  const SLOTS = `query($s: ID!, $r: ID!, $from: Date!, $to: Date!, $tz: String!, $step: Int) {
    availableSlots(serviceId: $s, resourceId: $r, from: $from, to: $to, timeZone: $tz, stepMinutes: $step) { startsAt endsAt localStartsAt localEndsAt } }`;

  it('leaves out booked time with its buffers, in the requested time zone', async () => {
    const { caller, service, resource } = await setup({ bufferAfterMinutes: 30 });
    await book(booking.url, caller, { serviceId: service.id, resourceId: resource.id, startsAt: monday('11:00') });
    const data = await query<Data>(booking.url, caller, SLOTS, {
      s: service.id,
      r: resource.id,
      from: '2026-03-23',
      to: '2026-03-23',
      tz: 'Europe/Berlin',
      step: 30,
    });
    // 11:00-12:00 blocks 11:00-12:30; each new slot blocks 30 minutes after it too.
    expect(data.availableSlots.map((slot: { localStartsAt: string }) => slot.localStartsAt.slice(11, 16))).toEqual([
      '09:00',
      '09:30',
      '12:30',
      '13:00',
      '13:30',
      '14:00',
      '14:30',
      '15:00',
      '15:30',
      '16:00',
    ]);
    expect(data.availableSlots[0]).toEqual({
      startsAt: '2026-03-23T08:00:00.000Z',
      endsAt: '2026-03-23T09:00:00.000Z',
      localStartsAt: '2026-03-23T09:00:00+01:00',
      localEndsAt: '2026-03-23T10:00:00+01:00',
    });
  });

  it('follows the DST change and the minimum notice', async () => {
    const { caller, service, resource } = await setup({ minimumNoticeMinutes: 120 });
    booking.clock.set('2026-03-29T06:30:00.000Z');
    try {
      const data = await query<Data>(booking.url, caller, SLOTS, {
        s: service.id,
        r: resource.id,
        from: '2026-03-29',
        to: '2026-03-29',
        tz: 'UTC',
        step: 60,
      });
      // Berlin 09:00-17:00 CEST is 07:00Z-15:00Z; two hours' notice from 06:30Z leaves 09:00Z on.
      expect(data.availableSlots.map((slot: { startsAt: string }) => slot.startsAt.slice(11, 16))).toEqual([
        '09:00',
        '10:00',
        '11:00',
        '12:00',
        '13:00',
        '14:00',
      ]);
    } finally {
      booking.clock.set('2026-03-20T00:00:00.000Z');
    }
  });

  it('refuses bad arguments and answers nothing for services the resource does not offer', async () => {
    const { caller, service, resource } = await setup();
    const base = { s: service.id, r: resource.id, from: '2026-03-23', to: '2026-03-23', tz: 'Europe/Berlin' };
    for (const bad of [{ tz: 'Mars/Base' }, { to: '2026-03-22' }, { to: '2026-05-01' }, { step: 1 }]) {
      const response = await callSubgraph(booking.url, caller, SLOTS, { ...base, ...bad });
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const other = await createService(booking.url, caller, { name: 'Other' });
    expect((await query<Data>(booking.url, caller, SLOTS, { ...base, s: other.id })).availableSlots).toEqual([]);
  });
});

describe('services and resources', () => {
  it('refuses invalid services and changes nothing', async () => {
    const caller = newCaller();
    const payload = await mutate<Payload>(booking.url, caller, 'createService', `service { id } ${USER_ERRORS}`, {
      name: ' ',
      durationMinutes: 2,
      price: { amount: '-5', currency: 'EURO' },
      bufferAfterMinutes: -1,
    });
    expect(payload.service).toBeNull();
    expect(codesOf(payload).sort()).toEqual(['INVALID', 'INVALID', 'INVALID', 'INVALID_AMOUNT', 'INVALID_CURRENCY']);
    expect((await countRows(booking.db, caller.tenantId)).services).toBe(0);
  });

  it('updates only the fields given; booked appointments keep their terms', async () => {
    const { caller, service, resource } = await setup();
    const appointment = await book(booking.url, caller, { serviceId: service.id, resourceId: resource.id, startsAt: monday('10:00') });
    const updated = await mutate<Payload>(
      booking.url,
      caller,
      'updateService',
      `service { id name durationMinutes price { amount } active } ${USER_ERRORS}`,
      {
        serviceId: service.id,
        durationMinutes: 90,
        price: { amount: '60', currency: 'EUR' },
      },
    );
    expect(updated.service).toMatchObject({ name: 'Haircut', durationMinutes: 90, price: { amount: '60.00' }, active: true });
    const data = await query<Data>(booking.url, caller, `query($id: ID!) { appointment(id: $id) { ${APPOINTMENT_FIELDS} } }`, {
      id: appointment.id,
    });
    expect(data.appointment).toMatchObject({ endsAt: '2026-03-23T10:00:00.000Z', price: { amount: '45.00' } });
    const bad = await mutate<Payload>(booking.url, caller, 'updateService', `service { id } ${USER_ERRORS}`, {
      serviceId: service.id,
      durationMinutes: 0,
    });
    expect(codesOf(bad)).toEqual(['INVALID']);
  });

  it('keeps the weekly schedule and date overrides, and refuses bad ones without changing anything', async () => {
    const { caller, resource } = await setup();
    const SELECT = `resource { weeklyAvailability { weekday intervals { start end } } dateOverrides { date closed intervals { start end } } } ${USER_ERRORS}`;
    const set = await mutate<Payload>(booking.url, caller, 'setWeeklyAvailability', SELECT, {
      resourceId: resource.id,
      days: [
        { weekday: 'FRIDAY', intervals: [{ start: '13:00', end: '24:00' }] },
        {
          weekday: 'MONDAY',
          intervals: [
            { start: '14:00', end: '18:00' },
            { start: '08:00', end: '12:00' },
          ],
        },
      ],
    });
    expect(set.resource.weeklyAvailability).toEqual([
      {
        weekday: 'MONDAY',
        intervals: [
          { start: '08:00', end: '12:00' },
          { start: '14:00', end: '18:00' },
        ],
      },
      { weekday: 'FRIDAY', intervals: [{ start: '13:00', end: '24:00' }] },
    ]);
    const before = await countRows(booking.db, caller.tenantId);
    for (const days of [
      [
        {
          weekday: 'MONDAY',
          intervals: [
            { start: '09:00', end: '12:00' },
            { start: '11:00', end: '13:00' },
          ],
        },
      ],
      [{ weekday: 'MONDAY', intervals: [{ start: '12:00', end: '09:00' }] }],
      [{ weekday: 'MONDAY', intervals: [{ start: '9am', end: '12:00' }] }],
      [
        { weekday: 'MONDAY', intervals: [] },
        { weekday: 'MONDAY', intervals: [] },
      ],
    ]) {
      const refused = await mutate<Payload>(booking.url, caller, 'setWeeklyAvailability', SELECT, {
        resourceId: resource.id,
        days,
      });
      expect(refused.resource).toBeNull();
      expect(refused.userErrors.length).toBeGreaterThan(0);
    }
    expect(await countRows(booking.db, caller.tenantId)).toEqual(before);

    await mutate<Payload>(booking.url, caller, 'setDateOverride', SELECT, { resourceId: resource.id, date: '2026-04-03' });
    const override = await mutate<Payload>(booking.url, caller, 'setDateOverride', SELECT, {
      resourceId: resource.id,
      date: '2026-04-06',
      intervals: [{ start: '10:00', end: '11:00' }],
    });
    expect(override.resource.dateOverrides).toEqual([
      { date: '2026-04-03', closed: true, intervals: [] },
      { date: '2026-04-06', closed: false, intervals: [{ start: '10:00', end: '11:00' }] },
    ]);
    const removed = await mutate<Payload>(booking.url, caller, 'removeDateOverride', SELECT, {
      resourceId: resource.id,
      date: '2026-04-03',
    });
    expect(removed.resource.dateOverrides).toHaveLength(1);
    const again = await mutate<Payload>(booking.url, caller, 'removeDateOverride', SELECT, {
      resourceId: resource.id,
      date: '2026-04-03',
    });
    expect(codesOf(again)).toEqual(['NOT_FOUND']);
  });

  it('validates resources: time zone, employee only for staff, known services', async () => {
    const caller = newCaller();
    const create = (input: Record<string, unknown>) =>
      mutate<Payload>(booking.url, caller, 'createResource', `resource { id kind employee { id } timeZone } ${USER_ERRORS}`, {
        name: 'Room 1',
        kind: 'ROOM',
        timeZone: 'Europe/Berlin',
        ...input,
      });
    expect(codesOf(await create({ timeZone: 'Berlin' }))).toEqual(['INVALID_TIME_ZONE']);
    expect(codesOf(await create({ employeeId: CONTACT_ID }))).toEqual(['INVALID']);
    expect(codesOf(await create({ serviceIds: [CONTACT_ID] }))).toEqual(['NOT_FOUND']);
    expect((await countRows(booking.db, caller.tenantId)).resources).toBe(0);
    // An employee HR has not announced to this tenant (unknown, or another tenant's) is refused.
    expect(codesOf(await create({ kind: 'STAFF', employeeId: CONTACT_ID, timeZone: 'America/New_York' }))).toEqual(['NOT_FOUND']);
    await announceReferences(booking.url, caller.tenantId, { employee: [CONTACT_ID] });
    const staff = await create({ kind: 'STAFF', employeeId: CONTACT_ID, timeZone: 'America/New_York' });
    expect(staff.resource).toMatchObject({ kind: 'STAFF', employee: { id: CONTACT_ID }, timeZone: 'America/New_York' });
  });

  it('lists services, resources and appointments as connections with filters', async () => {
    const { caller, service, resource } = await setup();
    await createService(booking.url, caller, { name: 'Inactive', active: false });
    const appointment = await book(booking.url, caller, { serviceId: service.id, resourceId: resource.id, startsAt: monday('10:00') });
    await book(booking.url, caller, { serviceId: service.id, resourceId: resource.id, startsAt: monday('12:00') });
    await transition(booking.url, caller, 'cancelAppointment', { appointmentId: appointment.id });
    const data = await query<Data>(
      booking.url,
      caller,
      `{ all: services { totalCount edges { node { name } } }
         active: services(filter: { active: true }, first: 1) { totalCount pageInfo { hasNextPage } edges { node { id } } }
         resources(filter: { kind: STAFF }) { totalCount }
         cancelled: appointments(filter: { status: [CANCELLED] }) { totalCount edges { node { id } } }
         appointments(first: 1) { totalCount pageInfo { hasNextPage endCursor } } }`,
    );
    expect(data.all.totalCount).toBe(2);
    expect(data.active).toMatchObject({ totalCount: 1, pageInfo: { hasNextPage: false }, edges: [{ node: { id: service.id } }] });
    expect(data.resources.totalCount).toBe(1);
    expect(data.cancelled).toEqual({ totalCount: 1, edges: [{ node: { id: appointment.id } }] });
    expect(data.appointments).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
    const tooMany = await callSubgraph(booking.url, caller, '{ services(first: 101) { totalCount } }');
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('the database', () => {
  it('refuses overlapping live appointments of one resource even when the application is bypassed', async () => {
    const { caller, service, resource } = await setup();
    const appointment = await book(booking.url, caller, { serviceId: service.id, resourceId: resource.id, startsAt: monday('10:00') });
    const insert = asTenant(booking.db, caller.tenantId, (tx) =>
      tx.appointment.create({
        data: {
          tenantId: caller.tenantId,
          serviceId: service.id,
          resourceId: resource.id,
          contactId: CONTACT_ID,
          startsAt: new Date(monday('10:30')),
          endsAt: new Date(monday('11:30')),
          bufferBeforeMinutes: 0,
          bufferAfterMinutes: 0,
          blockedFrom: new Date(monday('10:30')),
          blockedUntil: new Date(monday('11:30')),
          priceAmount: '1',
          priceCurrency: 'EUR',
        },
      }),
    );
    const error = await insert.then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(isExclusionViolation(error)).toBe(true);
    expect(appointment.status).toBe('REQUESTED');
  });
});
