import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import {
  EmployeesDepartmentsDocument,
  EmployeesPageDocument,
  EmployeesUpcomingLeaveDocument,
  type EmployeeStatus,
  type EmployeesUpcomingLeaveQuery,
} from '../generated/graphql';
import { Empty, ErrorState, Field, Loading, PageHeader, Pager, Panel, Pending, StatusBadge } from '../components/ui';
import { errorMessage, fieldError } from '../lib/errors';
import { formatDate, humanize } from '../lib/format';
import { useCursorPages, useDebounced } from '../lib/hooks';

const PAGE_SIZE = 25;

const STATUS_FILTERS: { key: string; label: string; status: EmployeeStatus[] | null }[] = [
  { key: 'current', label: 'Current', status: ['ACTIVE', 'ON_LEAVE'] },
  { key: 'active', label: 'Active', status: ['ACTIVE'] },
  { key: 'on-leave', label: 'On leave', status: ['ON_LEAVE'] },
  { key: 'terminated', label: 'Terminated', status: ['TERMINATED'] },
  { key: 'all', label: 'All', status: null },
];

/** Pages of leave requests followed at most: 1,000 open requests is far beyond any small business. */
const MAX_LEAVE_PAGES = 10;
const LEAVE_SHOWN = 8;

type LeaveNode = EmployeesUpcomingLeaveQuery['leaveRequests']['edges'][number]['node'];

/** Today as YYYY-MM-DD in the reader's calendar (leave dates are plain dates). */
function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function leaveDates(leave: LeaveNode): string {
  const span =
    leave.startDate === leave.endDate ? formatDate(leave.startDate) : `${formatDate(leave.startDate)} – ${formatDate(leave.endDate)}`;
  return `${span} · ${leave.days} ${leave.days === 1 ? 'day' : 'days'}`;
}

/**
 * Requested and approved leave that has not ended yet, soonest first. Leave requests come oldest
 * first, so the panel follows the pages (up to MAX_LEAVE_PAGES) to reach the recent ones.
 */
function UpcomingLeave() {
  const [after, setAfter] = useState<string | null>(null);
  const [pages, setPages] = useState<Record<string, LeaveNode[]>>({});
  const [{ data, error, fetching, operation }, refetch] = useQuery({ query: EmployeesUpcomingLeaveDocument, variables: { after } });
  const connection = data?.leaveRequests;
  // The result answers the current page only once urql has the operation for its cursor.
  const settled = !fetching && (operation?.variables.after ?? null) === after;
  const pageCount = Object.keys(pages).length;

  useEffect(() => {
    if (!connection || !settled) return;
    setPages((seen) => (seen[after ?? ''] ? seen : { ...seen, [after ?? '']: connection.edges.map((edge) => edge.node) }));
    const { hasNextPage, endCursor } = connection.pageInfo;
    if (hasNextPage && endCursor && pageCount < MAX_LEAVE_PAGES) setAfter(endCursor);
  }, [connection, settled, after, pageCount]);
  const complete = settled && !!connection && !!pages[after ?? ''] && (!connection.pageInfo.hasNextPage || pageCount >= MAX_LEAVE_PAGES);

  const today = localToday();
  const upcoming = Object.values(pages)
    .flat()
    .filter((leave) => leave.endDate >= today)
    .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.employee.name.localeCompare(b.employee.name));

  let body;
  if (settled && error && !connection) {
    body = <ErrorState message={errorMessage(error)} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  } else if (!complete) {
    body = <Loading label="Loading leave…" />;
  } else if (upcoming.length === 0) {
    body = <Empty title="No upcoming leave">Requested and approved leave shows here until its last day, so you can plan around it.</Empty>;
  } else {
    body = (
      <>
        <ul className="simple-list" aria-label="Upcoming leave">
          {upcoming.slice(0, LEAVE_SHOWN).map((leave) => (
            <li key={leave.id}>
              <span>
                <strong>{leave.employee.name}</strong> <span className="muted">· {humanize(leave.type)}</span>
                <br />
                <span className="muted">{leaveDates(leave)}</span>
              </span>
              <StatusBadge status={leave.status} />
            </li>
          ))}
        </ul>
        {upcoming.length > LEAVE_SHOWN ? (
          <p className="muted">
            and {upcoming.length - LEAVE_SHOWN} more {upcoming.length - LEAVE_SHOWN === 1 ? 'request' : 'requests'} later on.
          </p>
        ) : null}
      </>
    );
  }
  return <Panel title="Upcoming leave">{body}</Panel>;
}

export default function EmployeesPage() {
  const [search, setSearch] = useState('');
  const [statusKey, setStatusKey] = useState('current');
  const [departmentId, setDepartmentId] = useState('');
  const query = useDebounced(search.trim());
  const pages = useCursorPages(`${query}|${statusKey}|${departmentId}`);

  const status = STATUS_FILTERS.find((f) => f.key === statusKey)?.status ?? null;
  const [{ data, error, fetching }, refetch] = useQuery({
    query: EmployeesPageDocument,
    variables: {
      first: PAGE_SIZE,
      after: pages.after,
      search: query || null,
      status,
      departmentId: departmentId || null,
    },
  });
  const [departmentsResult] = useQuery({ query: EmployeesDepartmentsDocument });
  const departments = departmentsResult.data?.departments.edges.map((edge) => edge.node) ?? [];
  const connection = data?.employees;
  const retry = () => refetch({ requestPolicy: 'network-only' });
  const partial = connection && error ? (fieldError(error, ['employees']) ?? errorMessage(error)) : null;
  const filtered = !!query || statusKey !== 'current' || !!departmentId;
  const firstShown = (pages.page - 1) * PAGE_SIZE + 1;

  return (
    <>
      <PageHeader title="Employees" description="Your team: who works where, who they report to, and who is away." />
      <Panel title={connection ? `${connection.totalCount} ${connection.totalCount === 1 ? 'employee' : 'employees'}` : 'Team'}>
        <div className="toolbar">
          <Field label="Search employees">
            {(props) => (
              <input
                {...props}
                type="search"
                placeholder="Name, email or job title"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
              />
            )}
          </Field>
          {departments.length > 0 ? (
            <Field label="Department">
              {(props) => (
                <select {...props} value={departmentId} onChange={(e) => setDepartmentId(e.target.value)}>
                  <option value="">All departments</option>
                  {departments.map((department) => (
                    <option key={department.id} value={department.id}>
                      {department.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
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
            Some details are missing (shown as —): {partial}{' '}
            <button type="button" className="btn btn-secondary btn-small" onClick={retry}>
              Try again
            </button>
          </p>
        ) : null}
        {!connection ? (
          <Pending error={error} fetching={fetching} onRetry={retry} label="Loading employees…" />
        ) : connection.edges.length === 0 ? (
          filtered ? (
            <Empty title={query ? `No employees match “${query}”` : 'No employees match these filters'}>
              Try another name or job title, or choose “All” to include people who have left.
            </Empty>
          ) : (
            <Empty title="No employees yet">People you add in HR appear here with their department, manager and start date.</Empty>
          )
        ) : (
          <>
            <div className="table-wrap">
              <table aria-label="Employees">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Job title</th>
                    <th scope="col">Department</th>
                    <th scope="col">Manager</th>
                    <th scope="col">Status</th>
                    <th scope="col">Hired</th>
                  </tr>
                </thead>
                <tbody>
                  {connection.edges.map(({ node }) => (
                    <tr key={node.id}>
                      <td>
                        <strong>{node.name}</strong>
                        <br />
                        <a className="muted" href={`mailto:${node.email}`}>
                          {node.email}
                        </a>
                      </td>
                      <td>{node.jobTitle ?? '—'}</td>
                      <td>{node.department?.name ?? '—'}</td>
                      <td>{node.manager?.name ?? '—'}</td>
                      <td>
                        <StatusBadge status={node.status} />
                      </td>
                      <td>
                        {formatDate(node.hiredAt)}
                        {node.terminatedAt ? (
                          <>
                            <br />
                            <span className="muted">Left {formatDate(node.terminatedAt)}</span>
                          </>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager label="Employee pages" pages={pages} pageInfo={connection.pageInfo}>
              {firstShown}–{firstShown + connection.edges.length - 1} of {connection.totalCount}
            </Pager>
          </>
        )}
      </Panel>
      <UpcomingLeave />
    </>
  );
}
