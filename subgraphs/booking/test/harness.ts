import {
  announceReferences,
  asTenant,
  mutate,
  startTestModule,
  USER_ERRORS,
  type TestModule,
  type TestModuleOptions,
  type UserErrorShape,
} from '../../../packages/testkit/src/index.js';
import booking, { type BookingDb } from '../src/index.js';
import type { CallerContext } from '@tessera/service-kit';

export type Caller = CallerContext & { tenantId: string };

/**
 * The bus namespace of the outbox rows these tests write: no relay of another test run (which
 * publishes only its own namespace's rows from the shared test database) ever picks them up.
 */
export const TEST_NAMESPACE = 'bookingtest';

/** A clock the tests move: the subgraph asks it for "now" on every request. */
export class TestClock {
  constructor(private current: Date) {}
  now = (): Date => this.current;
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

export type RunningBooking = TestModule<BookingDb> & { clock: TestClock };

/** The tests' default "now": Friday 2026-03-20 00:00 UTC, the week before Berlin's switch to summer time. */
export const TEST_NOW = '2026-03-20T00:00:00.000Z';

/** Starts the booking subgraph in-process on a free port, on the test database (DATABASE_PREFIX=tessera_test). */
export async function startBooking(options: Omit<TestModuleOptions, 'now'> & { now?: string } = {}): Promise<RunningBooking> {
  const { now, ...rest } = options;
  const clock = new TestClock(new Date(now ?? TEST_NOW));
  const running = await startTestModule<BookingDb>(booking, { namespace: TEST_NAMESPACE, ...rest, now: clock.now });
  return Object.assign(running, { clock });
}

export const SERVICE_FIELDS =
  'id name durationMinutes price { amount currency } bufferBeforeMinutes bufferAfterMinutes minimumNoticeMinutes active';
export const RESOURCE_FIELDS =
  'id name kind timeZone employee { id } services { id } weeklyAvailability { weekday intervals { start end } } dateOverrides { date closed intervals { start end } }';
export const APPOINTMENT_FIELDS =
  'id status startsAt endsAt price { amount currency } bufferBeforeMinutes bufferAfterMinutes cancellationReason confirmedAt cancelledAt completedAt noShowAt service { id name } resource { id } contact { id }';

/** A mutation payload as the tests read it: its user errors and whatever else was selected. */
export type Payload = { userErrors: UserErrorShape[] } & Record<string, any>;
/** Query data as the tests read it. */
export type Data = Record<string, any>;

export async function createService(url: string, caller: Caller, input: Record<string, unknown> = {}) {
  const payload = await mutate<Payload>(url, caller, 'createService', `service { ${SERVICE_FIELDS} } ${USER_ERRORS}`, {
    name: 'Haircut',
    durationMinutes: 60,
    price: { amount: '45.00', currency: 'EUR' },
    ...input,
  });
  if (payload.userErrors.length > 0) throw new Error(`createService refused: ${JSON.stringify(payload.userErrors)}`);
  return payload.service as { id: string; name: string; durationMinutes: number };
}

/** Every weekday 09:00-17:00. */
export const OFFICE_HOURS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'].map((weekday) => ({
  weekday,
  intervals: [{ start: '09:00', end: '17:00' }],
}));

/** A resource offering the services, available every day 09:00-17:00 in its time zone (Europe/Berlin unless told). */
export async function createResource(url: string, caller: Caller, serviceIds: string[], input: Record<string, unknown> = {}) {
  await announceReferences(url, caller.tenantId, { employee: [input.employeeId as string | undefined] });
  const created = await mutate<Payload>(url, caller, 'createResource', `resource { id } ${USER_ERRORS}`, {
    name: 'Alex',
    kind: 'STAFF',
    timeZone: 'Europe/Berlin',
    serviceIds,
    ...input,
  });
  if (created.userErrors.length > 0) throw new Error(`createResource refused: ${JSON.stringify(created.userErrors)}`);
  const id = created.resource.id as string;
  const weekly = await mutate<Payload>(url, caller, 'setWeeklyAvailability', `resource { id } ${USER_ERRORS}`, {
    resourceId: id,
    days: OFFICE_HOURS,
  });
  if (weekly.userErrors.length > 0) throw new Error(`setWeeklyAvailability refused: ${JSON.stringify(weekly.userErrors)}`);
  return { id };
}

/** Requests an appointment for a contact (CONTACT_ID unless given) taken to be one CRM announced to the tenant. */
export async function requestAppointment(
  url: string,
  caller: Caller,
  input: { serviceId: string; resourceId: string; startsAt: string; contactId?: string },
) {
  await announceReferences(url, caller.tenantId, { contact: [input.contactId ?? CONTACT_ID] });
  return mutate<Payload>(url, caller, 'requestAppointment', `appointment { ${APPOINTMENT_FIELDS} } ${USER_ERRORS}`, {
    contactId: CONTACT_ID,
    ...input,
  });
}

/** Requests an appointment and fails the test when it is refused. */
export async function book(
  url: string,
  caller: Caller,
  input: { serviceId: string; resourceId: string; startsAt: string; contactId?: string },
) {
  const payload = await requestAppointment(url, caller, input);
  if (payload.userErrors.length > 0) throw new Error(`requestAppointment refused: ${JSON.stringify(payload.userErrors)}`);
  return payload.appointment as { id: string; status: string; startsAt: string; endsAt: string };
}

export function transition(
  url: string,
  caller: Caller,
  name: 'confirmAppointment' | 'completeAppointment' | 'markNoShow' | 'cancelAppointment',
  input: Record<string, unknown>,
) {
  const type = name === 'cancelAppointment' ? 'CancelAppointmentInput' : 'AppointmentTransitionInput';
  return mutate<Payload>(url, caller, name, `appointment { ${APPOINTMENT_FIELDS} } ${USER_ERRORS}`, input, type);
}

export const CONTACT_ID = '0190f3a0-0000-7000-8000-000000000001';

export function countRows(db: BookingDb, tenantId: string) {
  return asTenant(db, tenantId, async (tx) => ({
    services: await tx.service.count(),
    resources: await tx.resource.count(),
    weekly: await tx.availabilityInterval.count(),
    overrides: await tx.dateOverride.count(),
    appointments: await tx.appointment.count(),
    outbox: await tx.outboxEvent.count(),
  }));
}
