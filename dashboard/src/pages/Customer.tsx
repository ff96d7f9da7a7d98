import { Link, useParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { CustomerDashboardDocument } from '../generated/graphql';
import { Empty, ErrorState, PageHeader, Panel, Pending, StatusBadge } from '../components/ui';
import { fieldError } from '../lib/errors';
import { formatDate, formatDateTime, formatMoney } from '../lib/format';
import { useWorkspace } from '../workspace';
import type { ReactNode } from 'react';

/** A section of the 360 fed by one module: its own error when that module failed, its own empty state. */
function Section<T>({
  title,
  items,
  error,
  empty,
  render,
}: {
  title: string;
  items: readonly T[] | null | undefined;
  error: string | null;
  empty: string;
  render: (item: T) => ReactNode;
}) {
  return (
    <Panel title={title}>
      {error ? (
        <ErrorState message={error} />
      ) : !items || items.length === 0 ? (
        <Empty title={empty} />
      ) : (
        <ul className="simple-list">{items.map(render)}</ul>
      )}
    </Panel>
  );
}

/** The customer 360: one request (the contract's CustomerDashboard) across CRM, invoicing, projects, booking and commerce. */
export default function CustomerPage() {
  const { id = '' } = useParams();
  const { enabled } = useWorkspace();
  const [{ data, error, fetching }, refetch] = useQuery({ query: CustomerDashboardDocument, variables: { id } });
  const contact = data?.contact;

  if (!data) {
    return (
      <Pending error={error} fetching={fetching} onRetry={() => refetch({ requestPolicy: 'network-only' })} label="Loading the customer…" />
    );
  }
  if (!contact) {
    return (
      <div className="module-disabled">
        <h1>Contact not found</h1>
        <p>
          This contact does not exist in your workspace. <Link to="/contacts">Back to contacts</Link>
        </p>
      </div>
    );
  }
  const moduleError = (field: string, module: Parameters<typeof enabled>[0]) =>
    enabled(module) ? fieldError(error, ['contact', field], module?.toLowerCase()) : 'This module is not enabled for your workspace.';

  return (
    <>
      <PageHeader
        title={contact.name}
        description={contact.company ? `${contact.company.name}` : 'Customer'}
        actions={<Link to="/contacts">All contacts</Link>}
      />
      <Panel title="Profile">
        <dl className="profile">
          <div>
            <dt>Email</dt>
            <dd>{contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : '—'}</dd>
          </div>
          <div>
            <dt>Phone</dt>
            <dd>{contact.phone ?? '—'}</dd>
          </div>
          <div>
            <dt>Company</dt>
            <dd>{contact.company?.name ?? '—'}</dd>
          </div>
          <div>
            <dt>Outstanding balance</dt>
            <dd data-testid="outstanding-balance">
              {moduleError('outstandingBalance', 'INVOICING') ? 'Unavailable' : formatMoney(contact.outstandingBalance)}
            </dd>
          </div>
        </dl>
      </Panel>
      <div className="grid-2">
        <Section
          title="Deals"
          items={contact.deals}
          error={fieldError(error, ['contact', 'deals'], 'crm')}
          empty="No deals with this customer yet."
          render={(deal) => (
            <li key={deal.id}>
              <span>{deal.title}</span>
              <span>
                {formatMoney(deal.amount)} <StatusBadge status={deal.stage} />
              </span>
            </li>
          )}
        />
        <Section
          title="Open invoices"
          items={contact.invoices}
          error={moduleError('invoices', 'INVOICING')}
          empty="Nothing outstanding."
          render={(invoice) => (
            <li key={invoice.id}>
              <span>
                {invoice.number ?? 'Draft'} <span className="muted">due {formatDate(invoice.dueDate)}</span>
              </span>
              <span>
                {formatMoney(invoice.amountDue)} <StatusBadge status={invoice.status} />
              </span>
            </li>
          )}
        />
        <Section
          title="Projects"
          items={contact.projects}
          error={moduleError('projects', 'PROJECTS')}
          empty="No projects for this customer."
          render={(project) => (
            <li key={project.id}>
              <span>{project.name}</span>
              <span>
                {project.openTaskCount} open {project.openTaskCount === 1 ? 'task' : 'tasks'} <StatusBadge status={project.status} />
              </span>
            </li>
          )}
        />
        <Section
          title="Upcoming appointments"
          items={contact.appointments}
          error={moduleError('appointments', 'BOOKING')}
          empty="No upcoming appointments."
          render={(appointment) => (
            <li key={appointment.id}>
              <span>
                {appointment.service.name} <span className="muted">{formatDateTime(appointment.startsAt)}</span>
              </span>
              <StatusBadge status={appointment.status} />
            </li>
          )}
        />
        <Section
          title="Orders"
          items={contact.orders}
          error={moduleError('orders', 'COMMERCE')}
          empty="No orders from this customer."
          render={(order) => (
            <li key={order.id}>
              <span>{order.number}</span>
              <span>
                {formatMoney(order.total)} <StatusBadge status={order.status} />
              </span>
            </li>
          )}
        />
      </div>
    </>
  );
}
