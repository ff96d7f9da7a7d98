import { useId, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { BookingsResourcesDocument, BookingsWeekDocument, type BookingsWeekQuery } from '../generated/graphql';
import { Empty, Field, PageHeader, Panel, Pending, StatusBadge } from '../components/ui';
import { errorMessage, fieldError } from '../lib/errors';
import { useWorkspace } from '../workspace';

type AppointmentNode = BookingsWeekQuery['appointments']['edges'][number]['node'];

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD of a date in the reader's calendar. */
function dayKey(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/** Midnight of the Monday of `date`'s week, local time. */
function mondayOf(date: Date): Date {
  return addDays(date, -((date.getDay() + 6) % 7));
}

/** The week in the address (`?week=2026-11-16`, any day of it), else this week. */
function weekFromParam(param: string | null): Date {
  const match = param ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(param) : null;
  if (match) {
    const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    if (!Number.isNaN(date.getTime())) return mondayOf(date);
  }
  return mondayOf(new Date());
}

const monthDay = (date: Date) => date.toLocaleDateString('en-US', { month: 'short', day: 'numeric' });

/** "Nov 16 – 22, 2026", "Nov 30 – Dec 6, 2026", "Dec 28, 2026 – Jan 3, 2027". */
function weekRange(monday: Date): string {
  const sunday = addDays(monday, 6);
  if (monday.getFullYear() !== sunday.getFullYear()) {
    return `${monthDay(monday)}, ${monday.getFullYear()} – ${monthDay(sunday)}, ${sunday.getFullYear()}`;
  }
  const end = monday.getMonth() === sunday.getMonth() ? String(sunday.getDate()) : monthDay(sunday);
  return `${monthDay(monday)} – ${end}, ${sunday.getFullYear()}`;
}

const time = (value: string) => new Date(value).toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' });

function Appointment({ appointment, withContact }: { appointment: AppointmentNode; withContact: boolean }) {
  return (
    <li className={`appointment appointment-${appointment.status.toLowerCase()}`}>
      <p className="appointment-time">
        <time dateTime={appointment.startsAt}>{time(appointment.startsAt)}</time> –{' '}
        <time dateTime={appointment.endsAt}>{time(appointment.endsAt)}</time>
      </p>
      <p className="appointment-service">{appointment.service.name}</p>
      {withContact ? (
        <p>
          {appointment.contact?.name ?? (
            <>
              <span aria-hidden="true">—</span>
              <span className="visually-hidden">Customer unavailable</span>
            </>
          )}
        </p>
      ) : null}
      <p className="muted">with {appointment.resource.name}</p>
      <p>
        <StatusBadge status={appointment.status} />
      </p>
    </li>
  );
}

function Day({
  date,
  appointments,
  today,
  withContact,
}: {
  date: Date;
  appointments: AppointmentNode[];
  today: boolean;
  withContact: boolean;
}) {
  const headingId = useId();
  return (
    <section className={`week-day ${today ? 'week-day-today' : ''}`} aria-labelledby={headingId}>
      <h3 id={headingId}>
        {date.toLocaleDateString('en-US', { weekday: 'long', month: 'short', day: 'numeric' })}
        {today ? (
          <>
            {' '}
            <span className="badge badge-info">Today</span>
          </>
        ) : null}
      </h3>
      {appointments.length > 0 ? (
        <ul className="appointments" aria-labelledby={headingId}>
          {appointments.map((appointment) => (
            <Appointment key={appointment.id} appointment={appointment} withContact={withContact} />
          ))}
        </ul>
      ) : (
        <p className="muted">No appointments</p>
      )}
    </section>
  );
}

export default function BookingsPage() {
  const { enabled } = useWorkspace();
  const withContact = enabled('CRM');
  const [params, setParams] = useSearchParams();
  const weekParam = params.get('week');
  const monday = useMemo(() => weekFromParam(weekParam), [weekParam]);
  const [resourceId, setResourceId] = useState('');
  const variables = useMemo(
    () => ({
      startsFrom: monday.toISOString(),
      startsBefore: addDays(monday, 7).toISOString(),
      resourceId: resourceId || null,
      withContact,
    }),
    [monday, resourceId, withContact],
  );
  const [{ data, error, fetching }, refetch] = useQuery({ query: BookingsWeekDocument, variables });
  const [resourcesResult] = useQuery({ query: BookingsResourcesDocument });
  const resources = resourcesResult.data?.resources.edges.map((edge) => edge.node) ?? [];
  const connection = data?.appointments;
  const retry = () => refetch({ requestPolicy: 'network-only' });

  const goTo = (date: Date | null) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (date) next.set('week', dayKey(date));
      else next.delete('week');
      return next;
    });

  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const byDay = new Map<string, AppointmentNode[]>();
  for (const { node } of [...(connection?.edges ?? [])].sort((a, b) => Date.parse(a.node.startsAt) - Date.parse(b.node.startsAt))) {
    const key = dayKey(new Date(node.startsAt));
    byDay.set(key, [...(byDay.get(key) ?? []), node]);
  }
  const todayKey = dayKey(new Date());

  // A partial result: appointments came, but a nested field (the customer from CRM) did not.
  let partial: string | null = null;
  if (connection && error) {
    const missing = connection.edges.findIndex(({ node }) => withContact && !node.contact);
    partial =
      (missing >= 0 ? fieldError(error, ['appointments', 'edges', missing, 'node', 'contact']) : null) ??
      fieldError(error, ['appointments']) ??
      errorMessage(error);
  }
  const missingContacts = !!connection && withContact && connection.edges.some(({ node }) => !node.contact);

  return (
    <>
      <PageHeader title="Bookings" description="Your week of appointments: who is coming, for what, and with whom." />
      <Panel
        title={weekRange(monday)}
        actions={
          connection ? (
            <span className="muted">
              {connection.totalCount} {connection.totalCount === 1 ? 'appointment' : 'appointments'}
            </span>
          ) : null
        }
      >
        <p className="visually-hidden" aria-live="polite">
          Showing the week of {weekRange(monday)}
        </p>
        <div className="toolbar">
          <div className="week-nav" role="group" aria-label="Week">
            <button type="button" className="btn btn-secondary btn-small" onClick={() => goTo(addDays(monday, -7))}>
              <span aria-hidden="true">‹</span> Previous week
            </button>
            <button type="button" className="btn btn-secondary btn-small" onClick={() => goTo(null)}>
              This week
            </button>
            <button type="button" className="btn btn-secondary btn-small" onClick={() => goTo(addDays(monday, 7))}>
              Next week <span aria-hidden="true">›</span>
            </button>
          </div>
          {resources.length > 1 ? (
            <Field label="Resource">
              {(props) => (
                <select {...props} value={resourceId} onChange={(e) => setResourceId(e.target.value)}>
                  <option value="">All resources</option>
                  {resources.map((resource) => (
                    <option key={resource.id} value={resource.id}>
                      {resource.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
        </div>
        {partial ? (
          <p className="notice notice-warning" role="status">
            {missingContacts ? 'Some customer names could not be loaded (shown as —).' : 'Some details could not be loaded.'} {partial}{' '}
            <button type="button" className="btn btn-secondary btn-small" onClick={retry}>
              Try again
            </button>
          </p>
        ) : null}
        {connection?.pageInfo.hasNextPage ? (
          <p className="notice notice-warning" role="status">
            Showing the first {connection.edges.length} of {connection.totalCount} appointments this week. Choose a resource to see all of
            theirs.
          </p>
        ) : null}
        {!connection ? (
          <Pending error={error} fetching={fetching} onRetry={retry} label="Loading appointments…" />
        ) : connection.edges.length === 0 ? (
          <Empty title="No appointments this week">
            {resourceId ? 'Nothing is booked with this resource this week. ' : 'Nothing is booked yet. '}
            Bookings your customers make appear here; use “Next week” to look ahead.
          </Empty>
        ) : (
          <div className="week">
            {days.map((date) => (
              <Day
                key={dayKey(date)}
                date={date}
                appointments={byDay.get(dayKey(date)) ?? []}
                today={dayKey(date) === todayKey}
                withContact={withContact}
              />
            ))}
          </div>
        )}
      </Panel>
    </>
  );
}
