/** The booking module's event contracts (subjectId: the appointment id). */
import { z } from 'zod';
import { instant, money, uuid } from './shared.js';

const appointmentStatus = z.enum(['REQUESTED', 'CONFIRMED', 'COMPLETED', 'NO_SHOW', 'CANCELLED']);

/**
 * An appointment as every booking.appointment.* event describes it, after the change: whichever
 * event a consumer sees, it knows who booked what, with whom, when and at what price.
 */
const appointmentFacts = z.object({
  /** The CRM contact the appointment is for. */
  contactId: uuid,
  serviceId: uuid,
  /** The service's name when the event was recorded. */
  serviceName: z.string(),
  resourceId: uuid,
  /** The service's price when the appointment was requested (what invoicing bills). */
  price: money,
  startsAt: instant,
  /** startsAt plus the service's duration. */
  endsAt: instant,
  status: appointmentStatus,
});

export const bookingEvents = {
  'booking.appointment.requested': { version: 1, data: appointmentFacts },
  'booking.appointment.confirmed': { version: 1, data: appointmentFacts.extend({ confirmedAt: instant }) },
  'booking.appointment.cancelled': {
    version: 1,
    data: appointmentFacts.extend({ cancelledAt: instant, reason: z.string().nullable() }),
  },
  'booking.appointment.no_show': { version: 1, data: appointmentFacts.extend({ noShowAt: instant }) },
  /** The appointment took place: invoicing turns it into an invoice of `price` for `contactId`. */
  'booking.appointment.completed': { version: 1, data: appointmentFacts.extend({ completedAt: instant }) },
} as const;
