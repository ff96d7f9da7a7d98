import { type Connection, ErrorCode, isUuid, listOrChanges, type References, TesseraError, type UserError } from '@tessera/service-kit';
import { isExclusionViolation, type TenantScope } from '@tessera/prisma';
import type { Appointment, Resource } from '../generated/prisma/client.js';
import type {
  AppointmentTransitionInput,
  CancelAppointmentInput,
  QueryAppointmentsArgs,
  QueryAvailableSlotsArgs,
  RequestAppointmentInput,
} from '../generated/graphql.js';
import type { BookingTx } from '../db.js';
import type { BookingLoaders } from '../loaders.js';
import type { AppointmentChange } from '../repositories/appointment-repository.js';
import type { Repositories } from '../repositories/index.js';
import { APPOINTMENT_TRANSITIONS, NEEDS_STARTED, type AppointmentTransition } from '../domain/appointment-rules.js';
import {
  blockedRange,
  findSlots,
  insideAvailability,
  localDatesRange,
  type MinuteInterval,
  type Schedule,
  type Slot,
  type TimeRange,
} from '../domain/availability.js';
import { checkText } from '../domain/service-fields.js';
import { addDays, formatDate, isTimeZone, utcToLocal } from '../domain/time-zones.js';
import type { BookingEvents } from '../events/booking-events.js';
import { appointmentNotFound, refuse, resourceNotFound, serviceNotFound, slotTaken } from '../errors.js';

const MINUTE_MS = 60_000;
const MAX_SLOT_DAYS = 31;

export interface AppointmentPayload {
  appointment: Appointment | null;
  userErrors: UserError[];
}

const refused = (...userErrors: UserError[]): AppointmentPayload => ({ appointment: null, userErrors });

const badInput = (message: string) => new TesseraError(ErrorCode.BAD_USER_INPUT, message);

/** Records the event of a transition's outcome. */
type RecordEvent = (tx: BookingTx, appointment: Appointment, serviceName: string) => Promise<unknown>;

/**
 * Appointments and the slots they can take. A resource is never double-booked: the time live
 * appointments block (buffers included) cannot overlap, which the database's exclusion constraint
 * enforces however many requests race; a violation is answered with SLOT_TAKEN.
 */
export class AppointmentService {
  constructor(
    private readonly scope: TenantScope<BookingTx>,
    private readonly repositories: Repositories,
    private readonly loaders: BookingLoaders,
    private readonly events: BookingEvents,
    private readonly now: () => Date,
    private readonly references: References,
  ) {}

  get(id: string): Promise<Appointment | null> {
    return this.loaders.appointmentById.load(id);
  }

  list(args: QueryAppointmentsArgs): Promise<Connection<Appointment>> {
    const filter = args.filter ?? {};
    const ids = [filter.resourceId, filter.serviceId, filter.contactId];
    return listOrChanges(args, this.scope, async (tx, window) =>
      ids.some((id) => id !== null && id !== undefined && !isUuid(id))
        ? { rows: [], totalCount: 0 }
        : this.repositories.appointments.page(tx, {
            ...window,
            resourceId: filter.resourceId ?? null,
            serviceId: filter.serviceId ?? null,
            contactId: filter.contactId ?? null,
            statuses: filter.status ?? null,
            startsFrom: filter.startsFrom ?? null,
            startsBefore: filter.startsBefore ?? null,
          }),
    );
  }

  /** A contact's appointments, soonest first; upcoming: not started yet and REQUESTED or CONFIRMED. */
  ofContact(contactId: string, upcoming: boolean): Promise<Appointment[]> {
    return (upcoming ? this.loaders.upcomingAppointmentsByContactId : this.loaders.appointmentsByContactId).load(contactId);
  }

  /** The free slots of a service with a resource on the local dates from..to of `timeZone`. */
  async availableSlots(args: QueryAvailableSlotsArgs): Promise<Slot[]> {
    const step = args.stepMinutes ?? 15;
    if (!Number.isInteger(step) || step < 5 || step > 240) throw badInput('stepMinutes must be 5 to 240');
    if (!isTimeZone(args.timeZone)) throw badInput('timeZone must be an IANA name such as Europe/Berlin');
    const from = formatDate(args.from);
    const to = formatDate(args.to);
    if (to < from) throw badInput('to must not be before from');
    if (addDays(from, MAX_SLOT_DAYS - 1) < to) throw badInput(`At most ${MAX_SLOT_DAYS} days of slots can be asked for at once`);
    if (!isUuid(args.serviceId) || !isUuid(args.resourceId)) return [];
    const range = localDatesRange(from, to, args.timeZone);
    const now = this.now();
    return this.scope.run(async (tx) => {
      const service = await this.repositories.services.findById(tx, args.serviceId);
      const resource = await this.repositories.resources.findById(tx, args.resourceId);
      if (!service?.active || !resource || !(await this.repositories.resources.offers(tx, resource.id, service.id))) return [];
      const reach = (service.bufferBeforeMinutes + service.durationMinutes + service.bufferAfterMinutes) * MINUTE_MS;
      const busy = await this.repositories.appointments.busyRanges(tx, resource.id, {
        from: new Date(range.from.getTime() - reach),
        until: new Date(range.until.getTime() + reach),
      });
      return findSlots(await this.schedule(tx, resource, range), {
        terms: service,
        range,
        earliestStart: new Date(now.getTime() + service.minimumNoticeMinutes * MINUTE_MS),
        stepMinutes: step,
        busy,
        displayTimeZone: args.timeZone,
      });
    });
  }

  /**
   * Requests an appointment: an active service the resource offers, starting in the future past the
   * minimum notice, inside the resource's availability, its blocked time free (SLOT_TAKEN if not).
   */
  async request(input: RequestAppointmentInput): Promise<AppointmentPayload> {
    const errors: UserError[] = [];
    if (!isUuid(input.serviceId)) errors.push(serviceNotFound());
    if (!isUuid(input.resourceId)) errors.push(resourceNotFound());
    if (!isUuid(input.contactId)) errors.push(refuse('INVALID', 'contactId must be a CRM contact id', ['input', 'contactId']));
    const now = this.now();
    if (input.startsAt.getTime() < now.getTime()) {
      errors.push(refuse('IN_THE_PAST', 'An appointment cannot start in the past', ['input', 'startsAt']));
    }
    if (errors.length > 0) return refused(...errors);
    const unknown = await this.references.check([{ kind: 'contact', id: input.contactId, field: ['input', 'contactId'] }]);
    if (unknown.length > 0) return refused(...unknown);

    const work = async (tx: BookingTx): Promise<AppointmentPayload> => {
      const service = await this.repositories.services.findById(tx, input.serviceId);
      if (!service) return refused(serviceNotFound());
      if (!service.active) return refused(refuse('SERVICE_INACTIVE', 'The service is not active', ['input', 'serviceId']));
      const resource = await this.repositories.resources.findById(tx, input.resourceId);
      if (!resource) return refused(resourceNotFound());
      if (!(await this.repositories.resources.offers(tx, resource.id, service.id))) {
        return refused(refuse('SERVICE_NOT_OFFERED', 'The resource does not offer the service', ['input', 'serviceId']));
      }
      const earliest = now.getTime() + service.minimumNoticeMinutes * MINUTE_MS;
      if (input.startsAt.getTime() < earliest) {
        return refused(
          refuse('TOO_SHORT_NOTICE', `The service must be booked at least ${service.minimumNoticeMinutes} minutes ahead`, [
            'input',
            'startsAt',
          ]),
        );
      }
      const blocked = blockedRange(input.startsAt, service);
      const schedule = await this.schedule(tx, resource, { from: input.startsAt, until: blocked.endsAt });
      if (!insideAvailability(schedule, input.startsAt, blocked.endsAt)) {
        return refused(refuse('OUTSIDE_AVAILABILITY', 'The resource is not available for the whole appointment', ['input', 'startsAt']));
      }
      const appointment = await this.repositories.appointments.create(tx, {
        serviceId: service.id,
        resourceId: resource.id,
        contactId: input.contactId.toLowerCase(),
        startsAt: input.startsAt,
        endsAt: blocked.endsAt,
        bufferBeforeMinutes: service.bufferBeforeMinutes,
        bufferAfterMinutes: service.bufferAfterMinutes,
        blockedFrom: blocked.from,
        blockedUntil: blocked.until,
        priceAmount: service.priceAmount,
        priceCurrency: service.priceCurrency,
      });
      await this.events.appointmentRequested(tx, appointment, service.name);
      return { appointment, userErrors: [] };
    };

    try {
      return this.remember(await this.scope.run(work));
    } catch (error) {
      // The exclusion constraint decides between concurrent requests: the loser's insert fails.
      if (isExclusionViolation(error)) return refused(slotTaken());
      throw error;
    }
  }

  confirm(input: AppointmentTransitionInput): Promise<AppointmentPayload> {
    return this.transition(
      input.appointmentId,
      'confirm',
      (now) => ({ status: 'CONFIRMED', confirmedAt: now }),
      (tx, appointment, serviceName) => this.events.appointmentConfirmed(tx, appointment, serviceName),
    );
  }

  complete(input: AppointmentTransitionInput): Promise<AppointmentPayload> {
    return this.transition(
      input.appointmentId,
      'complete',
      (now) => ({ status: 'COMPLETED', completedAt: now }),
      (tx, appointment, serviceName) => this.events.appointmentCompleted(tx, appointment, serviceName),
    );
  }

  markNoShow(input: AppointmentTransitionInput): Promise<AppointmentPayload> {
    return this.transition(
      input.appointmentId,
      'noShow',
      (now) => ({ status: 'NO_SHOW', noShowAt: now }),
      (tx, appointment, serviceName) => this.events.appointmentNoShow(tx, appointment, serviceName),
    );
  }

  async cancel(input: CancelAppointmentInput): Promise<AppointmentPayload> {
    const reason = checkText(input.reason, ['input', 'reason'], 'Reason');
    if (!reason.ok) return refused(...reason.errors);
    return this.transition(
      input.appointmentId,
      'cancel',
      (now) => ({ status: 'CANCELLED', cancelledAt: now, cancellationReason: reason.value }),
      (tx, appointment, serviceName) => this.events.appointmentCancelled(tx, appointment, serviceName),
    );
  }

  /** Applies a transition if the status allows it (one conditional UPDATE: race-free); else says why not. */
  private async transition(
    appointmentId: string,
    transition: AppointmentTransition,
    change: (now: Date) => AppointmentChange,
    record: RecordEvent,
  ): Promise<AppointmentPayload> {
    if (!isUuid(appointmentId)) return refused(appointmentNotFound());
    const { from, to } = APPOINTMENT_TRANSITIONS[transition];
    const now = this.now();
    const startedBy = NEEDS_STARTED.has(transition) ? now : null;
    const result = await this.scope.run(async (tx): Promise<AppointmentPayload> => {
      const appointment = await this.repositories.appointments.transition(tx, appointmentId, from, startedBy, change(now));
      if (!appointment) {
        const current = await this.repositories.appointments.findById(tx, appointmentId);
        if (!current) return refused(appointmentNotFound());
        if (!(from as readonly string[]).includes(current.status)) {
          return refused(
            refuse('INVALID_TRANSITION', `The appointment is ${current.status}; only ${from.join(' or ')} appointments can become ${to}`, [
              'input',
              'appointmentId',
            ]),
          );
        }
        return refused(
          refuse('NOT_STARTED', `The appointment has not started yet; it cannot be ${to} before it starts`, ['input', 'appointmentId']),
        );
      }
      const service = await this.repositories.services.findById(tx, appointment.serviceId);
      if (!service) throw new Error(`service ${appointment.serviceId} of appointment ${appointment.id} not found`);
      await record(tx, appointment, service.name);
      return { appointment, userErrors: [] };
    });
    return this.remember(result);
  }

  /** The resource's schedule with its date overrides around `range` (in its own time zone). */
  private async schedule(tx: BookingTx, resource: Resource, range: TimeRange): Promise<Schedule> {
    const first = addDays(utcToLocal(range.from, resource.timeZone).date, -2);
    const last = addDays(utcToLocal(range.until, resource.timeZone).date, 2);
    const weekly = new Map<number, MinuteInterval[]>();
    for (const row of await this.repositories.resources.weekly(tx, [resource.id])) {
      weekly.set(row.weekday, [...(weekly.get(row.weekday) ?? []), { start: row.startMinute, end: row.endMinute }]);
    }
    const overrides = new Map<string, MinuteInterval[]>();
    const stored = await this.repositories.resources.overridesBetween(
      tx,
      resource.id,
      new Date(`${first}T00:00:00Z`),
      new Date(`${last}T00:00:00Z`),
    );
    for (const override of stored) overrides.set(formatDate(override.date), override.intervals);
    return { timeZone: resource.timeZone, weekly, overrides };
  }

  private remember(result: AppointmentPayload): AppointmentPayload {
    const appointment = result.appointment;
    if (appointment) {
      this.loaders.appointmentById.clear(appointment.id).prime(appointment.id, appointment);
      this.loaders.appointmentsByContactId.clear(appointment.contactId);
      this.loaders.upcomingAppointmentsByContactId.clear(appointment.contactId);
    }
    return result;
  }
}
