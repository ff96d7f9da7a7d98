/**
 * Booking's domain events (contracts in @tessera/events), built from the appointment row as it is
 * after the change and recorded in the transaction of the change; subjectId is the appointment id.
 */
import { toMoney } from '@tessera/service-kit';
import type { EventData, EventEnvelope, Outbox, SqlExecutor } from '@tessera/events';
import type { Appointment } from '../generated/prisma/client.js';

/** What every booking.appointment.* event says of the appointment: the payload of `booking.appointment.requested`. */
export function appointmentFacts(appointment: Appointment, serviceName: string): EventData<'booking.appointment.requested'> {
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

/** The payload of `booking.appointment.confirmed`. */
export const appointmentConfirmedData = (appointment: Appointment, serviceName: string): EventData<'booking.appointment.confirmed'> => ({
  ...appointmentFacts(appointment, serviceName),
  confirmedAt: at(appointment.confirmedAt, 'confirmedAt', appointment),
});

/** The payload of `booking.appointment.cancelled`. */
export const appointmentCancelledData = (appointment: Appointment, serviceName: string): EventData<'booking.appointment.cancelled'> => ({
  ...appointmentFacts(appointment, serviceName),
  cancelledAt: at(appointment.cancelledAt, 'cancelledAt', appointment),
  reason: appointment.cancellationReason,
});

/** The payload of `booking.appointment.no_show`. */
export const appointmentNoShowData = (appointment: Appointment, serviceName: string): EventData<'booking.appointment.no_show'> => ({
  ...appointmentFacts(appointment, serviceName),
  noShowAt: at(appointment.noShowAt, 'noShowAt', appointment),
});

/** The payload of `booking.appointment.completed`. */
export const appointmentCompletedData = (appointment: Appointment, serviceName: string): EventData<'booking.appointment.completed'> => ({
  ...appointmentFacts(appointment, serviceName),
  completedAt: at(appointment.completedAt, 'completedAt', appointment),
});

/** Records booking's events, in the transaction of the change. */
export class BookingEvents {
  constructor(
    private readonly outbox: Outbox,
    private readonly tenantId: string,
  ) {}

  appointmentRequested(
    tx: SqlExecutor,
    appointment: Appointment,
    serviceName: string,
  ): Promise<EventEnvelope<'booking.appointment.requested'>> {
    return this.outbox.record(tx, {
      type: 'booking.appointment.requested',
      tenantId: this.tenantId,
      subjectId: appointment.id,
      data: appointmentFacts(appointment, serviceName),
    });
  }

  appointmentConfirmed(
    tx: SqlExecutor,
    appointment: Appointment,
    serviceName: string,
  ): Promise<EventEnvelope<'booking.appointment.confirmed'>> {
    return this.outbox.record(tx, {
      type: 'booking.appointment.confirmed',
      tenantId: this.tenantId,
      subjectId: appointment.id,
      data: appointmentConfirmedData(appointment, serviceName),
    });
  }

  appointmentCancelled(
    tx: SqlExecutor,
    appointment: Appointment,
    serviceName: string,
  ): Promise<EventEnvelope<'booking.appointment.cancelled'>> {
    return this.outbox.record(tx, {
      type: 'booking.appointment.cancelled',
      tenantId: this.tenantId,
      subjectId: appointment.id,
      data: appointmentCancelledData(appointment, serviceName),
    });
  }

  appointmentNoShow(tx: SqlExecutor, appointment: Appointment, serviceName: string): Promise<EventEnvelope<'booking.appointment.no_show'>> {
    return this.outbox.record(tx, {
      type: 'booking.appointment.no_show',
      tenantId: this.tenantId,
      subjectId: appointment.id,
      data: appointmentNoShowData(appointment, serviceName),
    });
  }

  appointmentCompleted(
    tx: SqlExecutor,
    appointment: Appointment,
    serviceName: string,
  ): Promise<EventEnvelope<'booking.appointment.completed'>> {
    return this.outbox.record(tx, {
      type: 'booking.appointment.completed',
      tenantId: this.tenantId,
      subjectId: appointment.id,
      data: appointmentCompletedData(appointment, serviceName),
    });
  }
}
