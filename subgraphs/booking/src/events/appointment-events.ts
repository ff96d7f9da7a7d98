/**
 * The payloads of booking's domain events (contracts in @tessera/events), built from the
 * appointment row as it is after the change. Recorded with `Outbox.record` inside the transaction
 * of the change; subjectId is the appointment id.
 */
import type { EventData } from '@tessera/events';
import type { Appointment } from '../generated/prisma/client.js';
import { toMoney } from '../domain/money.js';

type AppointmentFacts = EventData<'booking.appointment.requested'>;

/** What every booking.appointment.* event says of the appointment. */
export function appointmentFacts(appointment: Appointment, serviceName: string): AppointmentFacts {
  return {
    contactId: appointment.contactId,
    serviceId: appointment.serviceId,
    serviceName,
    resourceId: appointment.resourceId,
    price: toMoney(appointment.priceAmount, appointment.priceCurrency),
    startsAt: appointment.startsAt.toISOString(),
    endsAt: appointment.endsAt.toISOString(),
    status: appointment.status,
  };
}

/** The instant a transition happened, as the event states it. */
function at(value: Date | null, what: string, appointment: Appointment): string {
  if (!value) throw new Error(`appointment ${appointment.id} has no ${what}`);
  return value.toISOString();
}

/** The event type and payload of the appointment's current status (after a transition). */
export function appointmentEvent(appointment: Appointment, serviceName: string) {
  const facts = appointmentFacts(appointment, serviceName);
  switch (appointment.status) {
    case 'REQUESTED':
      return { type: 'booking.appointment.requested', data: facts } as const;
    case 'CONFIRMED':
      return {
        type: 'booking.appointment.confirmed',
        data: { ...facts, confirmedAt: at(appointment.confirmedAt, 'confirmedAt', appointment) },
      } as const;
    case 'CANCELLED':
      return {
        type: 'booking.appointment.cancelled',
        data: { ...facts, cancelledAt: at(appointment.cancelledAt, 'cancelledAt', appointment), reason: appointment.cancellationReason },
      } as const;
    case 'NO_SHOW':
      return {
        type: 'booking.appointment.no_show',
        data: { ...facts, noShowAt: at(appointment.noShowAt, 'noShowAt', appointment) },
      } as const;
    case 'COMPLETED':
      return {
        type: 'booking.appointment.completed',
        data: { ...facts, completedAt: at(appointment.completedAt, 'completedAt', appointment) },
      } as const;
  }
}
