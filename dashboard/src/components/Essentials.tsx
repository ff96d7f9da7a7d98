import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { EssentialsAppointmentsDocument, EssentialsContactsDocument, EssentialsInvoicesDocument } from '../generated/graphql';

import { formatDate, formatDateTime, formatMoney } from '../lib/format';
import { useWorkspace } from '../workspace';
import { Empty, Panel, Pending, StatusBadge } from './ui';

function OpenInvoices() {
  const [{ data, error, fetching }, refetch] = useQuery({ query: EssentialsInvoicesDocument });
  return (
    <Panel title="Invoices awaiting payment" actions={<Link to="/invoices">All invoices</Link>}>
      {!data ? (
        <Pending error={error} fetching={fetching} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : data.invoices.edges.length === 0 ? (
        <Empty title="Nothing awaiting payment" />
      ) : (
        <>
          <p className="muted">{data.invoices.totalCount} open</p>
          <ul className="simple-list">
            {data.invoices.edges.map(({ node }) => (
              <li key={node.id}>
                <span>
                  {node.number} · {node.contact?.name ?? '—'} <span className="muted">due {formatDate(node.dueDate)}</span>
                </span>
                <span>
                  {formatMoney(node.amountDue)} <StatusBadge status={node.status} />
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Panel>
  );
}

function UpcomingAppointments() {
  const from = useMemo(() => new Date().toISOString(), []);
  const [{ data, error, fetching }, refetch] = useQuery({ query: EssentialsAppointmentsDocument, variables: { from } });
  return (
    <Panel title="Upcoming appointments" actions={<Link to="/bookings">Calendar</Link>}>
      {!data ? (
        <Pending error={error} fetching={fetching} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : data.appointments.edges.length === 0 ? (
        <Empty title="No upcoming appointments" />
      ) : (
        <ul className="simple-list">
          {data.appointments.edges.map(({ node }) => (
            <li key={node.id}>
              <span>
                {formatDateTime(node.startsAt)} · {node.service.name} <span className="muted">{node.contact?.name ?? ''}</span>
              </span>
              <StatusBadge status={node.status} />
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

function NewestContacts() {
  const [{ data, error, fetching }, refetch] = useQuery({ query: EssentialsContactsDocument });
  return (
    <Panel title="Newest contacts" actions={<Link to="/contacts">All contacts</Link>}>
      {!data ? (
        <Pending error={error} fetching={fetching} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : data.contacts.edges.length === 0 ? (
        <Empty title="No contacts yet">
          <Link to="/contacts">Add your first customer</Link>.
        </Empty>
      ) : (
        <ul className="simple-list">
          {data.contacts.edges.map(({ node }) => (
            <li key={node.id}>
              <Link to={`/contacts/${node.id}`}>{node.name}</Link>
              <span className="muted">{node.company?.name ?? ''}</span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

/** What needs attention today, from the modules the plan has: the overview of a plan without analytics. */
export function Essentials() {
  const { enabled } = useWorkspace();
  return (
    <div className="grid-2">
      {enabled('INVOICING') ? <OpenInvoices /> : null}
      {enabled('BOOKING') ? <UpcomingAppointments /> : null}
      {enabled('CRM') ? <NewestContacts /> : null}
    </div>
  );
}
