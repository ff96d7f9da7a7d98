import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callSubgraph, codesOf, mutate, newCaller, query, resolveEntities, USER_ERRORS } from '../../../packages/testkit/src/index.js';
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

/** Tenant B must not read, change, book or reference tenant A's rows by any path. */
let booking: RunningBooking;
const a = newCaller();
const b = newCaller();
let serviceId: string;
let resourceId: string;
let appointmentId: string;
const startsAt = '2026-03-23T09:00:00.000Z';

beforeAll(async () => {
  booking = await startBooking();
  serviceId = (await createService(booking.url, a)).id;
  resourceId = (await createResource(booking.url, a, [serviceId])).id;
  appointmentId = (await book(booking.url, a, { serviceId, resourceId, startsAt })).id;
});
afterAll(async () => {
  await booking.stop();
});

describe('tenant isolation', () => {
  it('hides A rows from B by id and in every list', async () => {
    const data = await query<Data>(
      booking.url,
      b,
      `query($s: ID!, $r: ID!, $a: ID!) { service(id: $s) { id } resource(id: $r) { id } appointment(id: $a) { id }
        services { totalCount } resources { totalCount } appointments { totalCount }
        byContact: appointments(filter: { contactId: "${CONTACT_ID}" }) { totalCount } }`,
      { s: serviceId, r: resourceId, a: appointmentId },
    );
    expect(data).toEqual({
      service: null,
      resource: null,
      appointment: null,
      services: { totalCount: 0 },
      resources: { totalCount: 0 },
      appointments: { totalCount: 0 },
      byContact: { totalCount: 0 },
    });
    // A sees its own (the test would pass vacuously otherwise).
    const own = await query<Data>(booking.url, a, `query($a: ID!) { appointment(id: $a) { id } appointments { totalCount } }`, {
      a: appointmentId,
    });
    expect(own).toEqual({ appointment: { id: appointmentId }, appointments: { totalCount: 1 } });
  });

  it('resolves no A entity for B through _entities, and B sees none of A appointments on the shared contact', async () => {
    const representations = [
      { __typename: 'Service', id: serviceId },
      { __typename: 'Resource', id: resourceId },
      { __typename: 'Appointment', id: appointmentId },
    ];
    const selection = '... on Service { id name } ... on Resource { id name } ... on Appointment { id status }';
    const forB = await resolveEntities(booking.url, b, representations, selection);
    expect(forB.errors).toBeUndefined();
    expect(forB.data?._entities).toEqual([null, null, null]);
    const forA = await resolveEntities(booking.url, a, representations, selection);
    expect(forA.data?._entities.map((entity) => entity?.id)).toEqual([serviceId, resourceId, appointmentId]);

    const contact = [{ __typename: 'Contact', id: CONTACT_ID }];
    const contactSelection = '... on Contact { id appointments { id } }';
    expect((await resolveEntities(booking.url, b, contact, contactSelection)).data?._entities).toEqual([
      { id: CONTACT_ID, appointments: [] },
    ]);
    expect((await resolveEntities(booking.url, a, contact, contactSelection)).data?._entities).toEqual([
      { id: CONTACT_ID, appointments: [{ id: appointmentId }] },
    ]);
  });

  it('lets B change nothing of A: services, resources, schedules, appointments', async () => {
    const before = await countRows(booking.db, a.tenantId);
    const update = await mutate<Payload>(booking.url, b, 'updateService', `service { id } ${USER_ERRORS}`, {
      serviceId,
      name: 'Hacked',
    });
    expect(codesOf(update)).toEqual(['NOT_FOUND']);
    for (const [name, type, input] of [
      ['setWeeklyAvailability', 'SetWeeklyAvailabilityInput', { resourceId, days: [] }],
      ['setDateOverride', 'SetDateOverrideInput', { resourceId, date: '2026-03-23' }],
      ['removeDateOverride', 'RemoveDateOverrideInput', { resourceId, date: '2026-03-23' }],
      ['setResourceServices', 'SetResourceServicesInput', { resourceId, serviceIds: [] }],
    ] as const) {
      expect(codesOf(await mutate<Payload>(booking.url, b, name, `resource { id } ${USER_ERRORS}`, input, type))).toEqual(['NOT_FOUND']);
    }
    for (const name of ['confirmAppointment', 'cancelAppointment', 'completeAppointment', 'markNoShow'] as const) {
      expect(codesOf(await transition(booking.url, b, name, { appointmentId }))).toEqual(['NOT_FOUND']);
    }
    expect(await countRows(booking.db, a.tenantId)).toEqual(before);
    const still = await query<Data>(booking.url, a, `query($a: ID!) { appointment(id: $a) { ${APPOINTMENT_FIELDS} } }`, {
      a: appointmentId,
    });
    expect(still.appointment).toMatchObject({ status: 'REQUESTED', service: { name: 'Haircut' } });
  });

  it('lets B neither book with A service or resource, nor offer A services, nor see their slots', async () => {
    expect(codesOf(await requestAppointment(booking.url, b, { serviceId, resourceId, startsAt: '2026-03-23T12:00:00.000Z' }))).toEqual([
      'NOT_FOUND',
    ]);
    const created = await mutate<Payload>(booking.url, b, 'createResource', `resource { id } ${USER_ERRORS}`, {
      name: 'Thief',
      kind: 'ROOM',
      timeZone: 'UTC',
      serviceIds: [serviceId],
    });
    expect(codesOf(created)).toEqual(['NOT_FOUND']);
    const slots = await query<Data>(
      booking.url,
      b,
      `query($s: ID!, $r: ID!) { availableSlots(serviceId: $s, resourceId: $r, from: "2026-03-23", to: "2026-03-23", timeZone: "UTC") { startsAt } }`,
      { s: serviceId, r: resourceId },
    );
    expect(slots.availableSlots).toEqual([]);
    expect(await countRows(booking.db, b.tenantId)).toMatchObject({ resources: 0, appointments: 0 });
  });

  it('does not let A bookings block B: the same instant on B own resource is free', async () => {
    const service = await createService(booking.url, b);
    const resource = await createResource(booking.url, b, [service.id]);
    await book(booking.url, b, { serviceId: service.id, resourceId: resource.id, startsAt });
  });

  it('refuses callers without a tenant', async () => {
    const response = await callSubgraph(booking.url, null, '{ services { totalCount } }');
    expect(response.errors?.length).toBeGreaterThan(0);
    expect(response.data?.services ?? null).toBeNull();
  });
});
