import { inTenantTransaction } from '@tessera/prisma';
import { type EventEnvelope } from '@tessera/events';
import { callSubgraph, expectData, startTestModule, type TestModule, type TestModuleOptions } from '../../../packages/testkit/src/index.js';
import booking, { type BookingDb, type BookingTx } from '../src/index.js';

export type Caller = Parameters<typeof callSubgraph>[1] & { tenantId: string };

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

export const ERRORS = 'userErrors { field message code }';
export const SERVICE_FIELDS =
  'id name durationMinutes price { amount currency } bufferBeforeMinutes bufferAfterMinutes minimumNoticeMinutes active';
export const RESOURCE_FIELDS =
  'id name kind timeZone employee { id } services { id } weeklyAvailability { weekday intervals { start end } } dateOverrides { date closed intervals { start end } }';
export const APPOINTMENT_FIELDS =
  'id status startsAt endsAt price { amount currency } bufferBeforeMinutes bufferAfterMinutes cancellationReason confirmedAt cancelledAt completedAt noShowAt service { id name } resource { id } contact { id }';

export interface UserErrorShape {
  field: string[] | null;
  message: string;
  code: string;
}

/** Runs a mutation `name(input: $input)` and returns its payload (GraphQL errors fail the test). */
export async function mutate<T = any>(
  url: string,
  caller: Caller,
  name: string,
  inputType: string,
  selection: string,
  input: unknown,
): Promise<T> {
  const data = expectData(
    await callSubgraph<Record<string, T>>(url, caller, `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} } }`, {
      input,
    }),
  );
  return data[name] as T;
}

/** Runs a query and returns its data (GraphQL errors fail the test). */
export async function query<T = any>(url: string, caller: Caller, document: string, variables: Record<string, unknown> = {}): Promise<T> {
  return expectData(await callSubgraph<T>(url, caller, document, variables));
}

export const codesOf = (payload: { userErrors: UserErrorShape[] }) => payload.userErrors.map((e) => e.code);

export async function createService(url: string, caller: Caller, input: Record<string, unknown> = {}) {
  const payload = await mutate(url, caller, 'createService', 'CreateServiceInput', `service { ${SERVICE_FIELDS} } ${ERRORS}`, {
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
  const created = await mutate(url, caller, 'createResource', 'CreateResourceInput', `resource { id } ${ERRORS}`, {
    name: 'Alex',
    kind: 'STAFF',
    timeZone: 'Europe/Berlin',
    serviceIds,
    ...input,
  });
  if (created.userErrors.length > 0) throw new Error(`createResource refused: ${JSON.stringify(created.userErrors)}`);
  const id = created.resource.id as string;
  const weekly = await mutate(url, caller, 'setWeeklyAvailability', 'SetWeeklyAvailabilityInput', `resource { id } ${ERRORS}`, {
    resourceId: id,
    days: OFFICE_HOURS,
  });
  if (weekly.userErrors.length > 0) throw new Error(`setWeeklyAvailability refused: ${JSON.stringify(weekly.userErrors)}`);
  return { id };
}

export function requestAppointment(
  url: string,
  caller: Caller,
  input: { serviceId: string; resourceId: string; startsAt: string; contactId?: string },
) {
  return mutate(url, caller, 'requestAppointment', 'RequestAppointmentInput', `appointment { ${APPOINTMENT_FIELDS} } ${ERRORS}`, {
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
  return mutate(url, caller, name, type, `appointment { ${APPOINTMENT_FIELDS} } ${ERRORS}`, input);
}

export const CONTACT_ID = '0190f3a0-0000-7000-8000-000000000001';

/** Runs `work` in a transaction bound to a tenant, as the app role (row-level security applies). */
export function asTenant<T>(db: BookingDb, tenantId: string, work: (tx: BookingTx) => Promise<T>): Promise<T> {
  return inTenantTransaction(db, tenantId, work);
}

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

/** The events booking recorded for a tenant, oldest first. */
export async function recordedEvents(db: BookingDb, tenantId: string) {
  const rows = await asTenant(db, tenantId, (tx) => tx.outboxEvent.findMany({ orderBy: { seq: 'asc' } }));
  return rows.map((row) => {
    const envelope = row.envelope as unknown as EventEnvelope;
    return { type: row.type, subjectId: row.subjectId, subject: row.subject, data: envelope.data as Record<string, unknown> };
  });
}
