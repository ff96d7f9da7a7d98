import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asTenant, countSql, newCaller, query, resolveEntities, type SqlCounter } from '../../../packages/testkit/src/index.js';
import { startBooking, type Data, type RunningBooking } from './harness.js';

/**
 * What one request costs in SQL: with DataLoader, a plan step is one statement however many
 * parents it has (set_config and COMMIT of each tenant transaction are counted apart).
 */
let booking: RunningBooking;
let sql: SqlCounter;
const caller = newCaller();
const contactIds = Array.from({ length: 8 }, (_, i) => `0190f3a0-0000-7000-8000-0000000002${String(i).padStart(2, '0')}`);
const appointmentIds: string[] = [];
const serviceIds: string[] = [];

beforeAll(async () => {
  booking = await startBooking({ logQueries: true, now: '2026-03-20T00:00:00.000Z' });
  sql = countSql(booking.db);
  // 3 services, 2 resources; each contact has 3 appointments: one past, one upcoming, one upcoming but cancelled.
  await asTenant(booking.db, caller.tenantId, async (tx) => {
    for (let s = 0; s < 3; s += 1) {
      const service = await tx.service.create({
        data: { tenantId: caller.tenantId, name: `Service ${s}`, durationMinutes: 30, priceAmount: '10', priceCurrency: 'EUR' },
      });
      serviceIds.push(service.id);
    }
    const resources = [];
    for (let r = 0; r < 2; r += 1) {
      resources.push(await tx.resource.create({ data: { tenantId: caller.tenantId, name: `Room ${r}`, kind: 'ROOM', timeZone: 'UTC' } }));
    }
    let slot = 0;
    for (const contactId of contactIds) {
      for (const [offsetDays, status] of [
        [-5, 'COMPLETED'],
        [3, 'CONFIRMED'],
        [4, 'CANCELLED'],
      ] as const) {
        slot += 1;
        const startsAt = new Date(Date.parse('2026-03-20T00:00:00Z') + offsetDays * 86_400_000 + slot * 3_600_000);
        const endsAt = new Date(startsAt.getTime() + 30 * 60_000);
        const appointment = await tx.appointment.create({
          data: {
            tenantId: caller.tenantId,
            serviceId: serviceIds[slot % 3]!,
            resourceId: resources[slot % 2]!.id,
            contactId,
            status,
            startsAt,
            endsAt,
            bufferBeforeMinutes: 0,
            bufferAfterMinutes: 0,
            blockedFrom: startsAt,
            blockedUntil: endsAt,
            priceAmount: '10',
            priceCurrency: 'EUR',
            confirmedAt: status === 'CANCELLED' ? null : startsAt,
            completedAt: status === 'COMPLETED' ? endsAt : null,
            cancelledAt: status === 'CANCELLED' ? startsAt : null,
          },
        });
        appointmentIds.push(appointment.id);
      }
    }
  });
});
afterAll(async () => {
  await booking.stop();
});

describe('batching', () => {
  it('answers Contact.appointments(upcoming: true) { service } for 8 contacts in 2 statements, soonest first', async () => {
    sql.reset();
    const response = await resolveEntities(
      booking.url,
      caller,
      contactIds.map((id) => ({ __typename: 'Contact', id })),
      '... on Contact { id appointments(upcoming: true) { id startsAt status service { id name } } }',
    );
    expect(response.errors).toBeUndefined();
    const entities = response.data!._entities as { id: string; appointments: { status: string; service: { name: string } }[] }[];
    expect(entities).toHaveLength(8);
    for (const entity of entities) {
      expect(entity.appointments.map((appointment) => appointment.status)).toEqual(['CONFIRMED']);
      expect(entity.appointments[0]!.service.name).toMatch(/^Service \d$/);
    }
    // One statement for the appointments of all contacts, one for their services.
    expect(sql.data).toBe(2);
  });

  it('lists every appointment of each contact soonest first, in one statement', async () => {
    sql.reset();
    const response = await resolveEntities(
      booking.url,
      caller,
      contactIds.map((id) => ({ __typename: 'Contact', id })),
      '... on Contact { appointments { startsAt status } }',
    );
    const entities = response.data!._entities as { appointments: { startsAt: string; status: string }[] }[];
    for (const entity of entities) {
      expect(entity.appointments.map((appointment) => appointment.status)).toEqual(['COMPLETED', 'CONFIRMED', 'CANCELLED']);
    }
    expect(sql.data).toBe(1);
  });

  it('resolves 24 appointment references with their services and resources in 3 statements', async () => {
    sql.reset();
    const response = await resolveEntities(
      booking.url,
      caller,
      appointmentIds.map((id) => ({ __typename: 'Appointment', id })),
      '... on Appointment { id service { name } resource { name } }',
    );
    expect(response.data!._entities).toHaveLength(24);
    expect(response.data!._entities.every((entity) => entity !== null)).toBe(true);
    expect(sql.data).toBe(3);
  });

  it('lists resources with their services and schedules without one statement per resource', async () => {
    sql.reset();
    const data = await query<Data>(
      booking.url,
      caller,
      '{ resources { edges { node { services { id } weeklyAvailability { weekday } dateOverrides { date } } } } }',
    );
    expect(data.resources.edges).toHaveLength(2);
    // The page and its count; weekly intervals in one statement; services (through resource_services)
    // and overrides (with their intervals) in two each: Prisma loads a relation with a second query.
    // Constant, whatever the number of resources.
    expect(sql.data).toBe(7);
  });
});
