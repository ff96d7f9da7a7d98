import { useState } from 'react';
import { useQuery } from 'urql';
import {
  FleetDueRemindersDocument,
  FleetPageDocument,
  type DistanceUnit,
  type FleetDueRemindersQuery,
  type FleetPageQuery,
  type VehicleStatus,
} from '../generated/graphql';
import { Empty, Field, PageHeader, Pager, Panel, Pending, StatusBadge } from '../components/ui';
import { errorMessage, fieldError } from '../lib/errors';
import { formatDate, formatMoney, humanize } from '../lib/format';
import { useCursorPages, useDebounced } from '../lib/hooks';
import { useWorkspace } from '../workspace';

const PAGE_SIZE = 25;

const STATUS_FILTERS: { key: string; label: string; status: VehicleStatus[] | null }[] = [
  { key: 'current', label: 'In the fleet', status: ['ACTIVE', 'IN_SERVICE'] },
  { key: 'active', label: 'Active', status: ['ACTIVE'] },
  { key: 'in-service', label: 'In service', status: ['IN_SERVICE'] },
  { key: 'retired', label: 'Retired', status: ['RETIRED'] },
  { key: 'all', label: 'All', status: null },
];

type VehicleNode = FleetPageQuery['vehicles']['edges'][number]['node'];
type ReminderNode = FleetDueRemindersQuery['dueReminders']['edges'][number]['node'];
type Reminder = Pick<ReminderNode, 'dueDate' | 'dueOdometer' | 'remainingDistance' | 'isDue'>;

const UNITS: Record<DistanceUnit, string> = { KM: 'km', MI: 'mi' };

function distance(value: number, unit: DistanceUnit): string {
  return `${value.toLocaleString('en-US')} ${UNITS[unit]}`;
}

/** When a reminder falls due, in words: "Dec 3, 2026 or at 120,000 km (800 km left)". */
function dueText(reminder: Reminder, unit: DistanceUnit): string {
  const parts: string[] = [];
  if (reminder.dueDate) parts.push(formatDate(reminder.dueDate));
  if (reminder.dueOdometer !== null && reminder.dueOdometer !== undefined) {
    const left =
      reminder.remainingDistance === null || reminder.remainingDistance === undefined
        ? ''
        : reminder.remainingDistance < 0
          ? ` (${distance(-reminder.remainingDistance, unit)} over)`
          : ` (${distance(reminder.remainingDistance, unit)} left)`;
    parts.push(`at ${distance(reminder.dueOdometer, unit)}${left}`);
  }
  return parts.join(' or ') || '—';
}

function NextService({ vehicle }: { vehicle: VehicleNode }) {
  const next = vehicle.nextService;
  if (!next) return <span className="muted">No reminders</span>;
  return (
    <>
      {next.isDue ? (
        <>
          <span className="badge badge-danger">Service due</span>{' '}
        </>
      ) : null}
      {humanize(next.kind)}
      <br />
      <span className="muted">Due {dueText(next, vehicle.odometerUnit)}</span>
    </>
  );
}

function Drivers({ vehicle }: { vehicle: VehicleNode }) {
  // Null only when HR failed for this vehicle (a partial result); the notice above the table says why.
  if (!vehicle.drivers) {
    return (
      <>
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">Drivers unavailable</span>
      </>
    );
  }
  if (vehicle.drivers.length === 0) return <span className="muted">No driver</span>;
  return <>{vehicle.drivers.map((driver) => driver.name).join(', ')}</>;
}

function DueForService() {
  const [{ data, error, fetching }, refetch] = useQuery({ query: FleetDueRemindersDocument });
  const connection = data?.dueReminders;
  const reminders = [...(connection?.edges.map((edge) => edge.node) ?? [])].sort((a, b) => Number(b.isDue) - Number(a.isDue));
  return (
    <Panel
      title="Due for service"
      actions={
        connection && connection.totalCount > reminders.length ? <span className="muted">{connection.totalCount} in all</span> : null
      }
    >
      {!connection ? (
        <Pending
          error={error}
          fetching={fetching}
          onRetry={() => refetch({ requestPolicy: 'network-only' })}
          label="Loading service reminders…"
        />
      ) : reminders.length === 0 ? (
        <Empty title="Nothing due in the next 30 days">
          Services falling due within 30 days or 1,000 km of a vehicle’s reading show up here.
        </Empty>
      ) : (
        <ul className="simple-list" aria-label="Services due">
          {reminders.map((reminder) => (
            <li key={reminder.id}>
              <span>
                <strong>{reminder.vehicle.plate}</strong>{' '}
                <span className="muted">
                  {reminder.vehicle.make} {reminder.vehicle.model}
                </span>
                <br />
                {humanize(reminder.kind)} <span className="muted">· due {dueText(reminder, reminder.vehicle.odometerUnit)}</span>
              </span>
              {reminder.isDue ? <span className="badge badge-danger">Due now</span> : <span className="badge badge-warning">Due soon</span>}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

export default function FleetPage() {
  const { enabled } = useWorkspace();
  const withDrivers = enabled('HR');
  const [search, setSearch] = useState('');
  const [statusKey, setStatusKey] = useState('current');
  const query = useDebounced(search.trim());
  const pages = useCursorPages(`${query}|${statusKey}`);

  const status = STATUS_FILTERS.find((f) => f.key === statusKey)?.status ?? null;
  const [{ data, error, fetching }, refetch] = useQuery({
    query: FleetPageDocument,
    variables: { first: PAGE_SIZE, after: pages.after, status, search: query || null, withDrivers },
  });
  const connection = data?.vehicles;
  const retry = () => refetch({ requestPolicy: 'network-only' });

  // A partial result: the vehicles came, but their drivers (from HR) did not.
  let partial: string | null = null;
  if (connection && error) {
    const missing = connection.edges.findIndex(({ node }) => withDrivers && !node.drivers);
    partial =
      (missing >= 0 ? fieldError(error, ['vehicles', 'edges', missing, 'node', 'drivers']) : null) ??
      fieldError(error, ['vehicles']) ??
      errorMessage(error);
  }
  const missingDrivers = !!connection && withDrivers && connection.edges.some(({ node }) => !node.drivers);
  const filtered = !!query || statusKey !== 'current';
  const firstShown = (pages.page - 1) * PAGE_SIZE + 1;

  return (
    <>
      <PageHeader title="Fleet" description="Your vehicles, who drives them, what they cost and when they need a service." />
      <DueForService />
      <Panel title={connection ? `${connection.totalCount} ${connection.totalCount === 1 ? 'vehicle' : 'vehicles'}` : 'Vehicles'}>
        <div className="toolbar">
          <Field label="Search vehicles">
            {(props) => (
              <input
                {...props}
                type="search"
                placeholder="Plate, VIN, make or model"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
              />
            )}
          </Field>
        </div>
        <div className="toolbar" role="group" aria-label="Status">
          {STATUS_FILTERS.map((option) => (
            <button
              key={option.key}
              type="button"
              className={`chip ${statusKey === option.key ? 'chip-active' : ''}`}
              aria-pressed={statusKey === option.key}
              onClick={() => setStatusKey(option.key)}
            >
              {option.label}
            </button>
          ))}
        </div>
        {partial ? (
          <p className="notice notice-warning" role="status">
            {missingDrivers ? 'Drivers could not be loaded (shown as —).' : 'Some details could not be loaded.'} {partial}{' '}
            <button type="button" className="btn btn-secondary btn-small" onClick={retry}>
              Try again
            </button>
          </p>
        ) : null}
        {!connection ? (
          <Pending error={error} fetching={fetching} onRetry={retry} label="Loading vehicles…" />
        ) : connection.edges.length === 0 ? (
          filtered ? (
            <Empty title={query ? `No vehicles match “${query}”` : 'No vehicles match this filter'}>
              Try another plate, make or model, or choose “All” to include retired vehicles.
            </Empty>
          ) : (
            <Empty title="No vehicles yet">
              Vehicles you add to the fleet appear here with their drivers, costs and service reminders.
            </Empty>
          )
        ) : (
          <>
            <div className="table-wrap">
              <table aria-label="Vehicles">
                <thead>
                  <tr>
                    <th scope="col">Vehicle</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="num">
                      Odometer
                    </th>
                    {withDrivers ? <th scope="col">Drivers</th> : null}
                    <th scope="col">Next service</th>
                    <th scope="col" className="num">
                      Total cost
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {connection.edges.map(({ node }) => (
                    <tr key={node.id}>
                      <td>
                        <strong>{node.plate}</strong>
                        <br />
                        <span className="muted">
                          {node.make} {node.model} · {node.year}
                        </span>
                      </td>
                      <td>
                        <StatusBadge status={node.status} />
                      </td>
                      <td className="num">{distance(node.odometer, node.odometerUnit)}</td>
                      {withDrivers ? (
                        <td>
                          <Drivers vehicle={node} />
                        </td>
                      ) : null}
                      <td>
                        <NextService vehicle={node} />
                      </td>
                      <td className="num">{formatMoney(node.totalCost)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager label="Vehicle pages" pages={pages} pageInfo={connection.pageInfo}>
              {firstShown}–{firstShown + connection.edges.length - 1} of {connection.totalCount}
            </Pager>
          </>
        )}
      </Panel>
    </>
  );
}
