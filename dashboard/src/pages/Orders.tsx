import { Fragment, useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { OrdersPageDocument, type OrderStatus, type OrdersPageQuery } from '../generated/graphql';
import { Empty, PageHeader, Pager, Panel, Pending, StatusBadge } from '../components/ui';
import { errorMessage, fieldError } from '../lib/errors';
import { formatDate, formatMoney, humanize } from '../lib/format';
import { useCursorPages } from '../lib/hooks';
import { useWorkspace } from '../workspace';

const PAGE_SIZE = 25;

const STATUSES: OrderStatus[] = ['UNCONFIRMED', 'UNFULFILLED', 'PARTIALLY_FULFILLED', 'FULFILLED', 'CANCELED', 'RETURNED'];

type OrderNode = OrdersPageQuery['orders']['edges'][number]['node'];

function OrderLines({ order, id }: { order: OrderNode; id: string }) {
  return (
    <div className="table-wrap" id={id}>
      {order.lines.length === 0 ? (
        <p className="muted">This order has no lines.</p>
      ) : (
        <table className="order-lines">
          <caption className="visually-hidden">Lines of order {order.number}</caption>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">SKU</th>
              <th scope="col" className="num">
                Quantity
              </th>
              <th scope="col" className="num">
                Fulfilled
              </th>
              <th scope="col" className="num">
                Unit price
              </th>
              <th scope="col" className="num">
                Line total
              </th>
            </tr>
          </thead>
          <tbody>
            {order.lines.map((line) => (
              <tr key={line.id}>
                <td>{line.name}</td>
                <td>
                  <code>{line.sku}</code>
                </td>
                <td className="num">{line.quantity}</td>
                <td className="num">{line.fulfilledQuantity}</td>
                <td className="num">{formatMoney(line.unitPrice)}</td>
                <td className="num">{formatMoney(line.lineTotal)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Customer({ order }: { order: OrderNode }) {
  if (!order.contact) {
    return (
      <>
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">No customer</span>
      </>
    );
  }
  return <Link to={`/contacts/${order.contact.id}`}>{order.contact.name}</Link>;
}

export default function OrdersPage() {
  const { enabled } = useWorkspace();
  const withContact = enabled('CRM');
  const [status, setStatus] = useState<OrderStatus | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const pages = useCursorPages();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: OrdersPageDocument,
    variables: { first: PAGE_SIZE, after: pages.after, status: status ? [status] : null, withContact },
  });
  const connection = data?.orders;
  const retry = () => refetch({ requestPolicy: 'network-only' });

  const chooseStatus = (next: OrderStatus | null) => {
    setStatus(next);
    pages.reset();
  };
  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  // A partial result: the orders came, but a customer name (from CRM) did not.
  let partial: string | null = null;
  if (connection && error) {
    const missing = connection.edges.findIndex(({ node }) => withContact && !node.contact);
    partial =
      (missing >= 0 ? fieldError(error, ['orders', 'edges', missing, 'node', 'contact']) : null) ??
      fieldError(error, ['orders']) ??
      errorMessage(error);
  }
  const firstShown = (pages.page - 1) * PAGE_SIZE + 1;

  return (
    <>
      <PageHeader title="Orders" description="Online orders, what is in them and how far along fulfilment is." />
      <Panel title={connection ? `${connection.totalCount} ${connection.totalCount === 1 ? 'order' : 'orders'}` : 'Orders'}>
        <div className="toolbar" role="group" aria-label="Status">
          <button
            type="button"
            className={`chip ${status === null ? 'chip-active' : ''}`}
            aria-pressed={status === null}
            onClick={() => chooseStatus(null)}
          >
            All
          </button>
          {STATUSES.map((option) => (
            <button
              key={option}
              type="button"
              className={`chip ${status === option ? 'chip-active' : ''}`}
              aria-pressed={status === option}
              onClick={() => chooseStatus(option)}
            >
              {humanize(option)}
            </button>
          ))}
        </div>
        {partial ? (
          <p className="notice notice-warning" role="status">
            Some customer names could not be loaded (shown as —). {partial}{' '}
            <button type="button" className="btn btn-secondary btn-small" onClick={retry}>
              Try again
            </button>
          </p>
        ) : null}
        {!connection ? (
          <Pending error={error} fetching={fetching} onRetry={retry} label="Loading orders…" />
        ) : connection.edges.length === 0 ? (
          status ? (
            <Empty title={`No ${humanize(status).toLowerCase()} orders`}>Choose “All” to see every order.</Empty>
          ) : (
            <Empty title="No orders yet">Orders placed in your shop appear here, with their lines and fulfilment progress.</Empty>
          )
        ) : (
          <>
            <div className="table-wrap">
              <table aria-label="Orders">
                <thead>
                  <tr>
                    <th scope="col">Order</th>
                    {withContact ? <th scope="col">Customer</th> : null}
                    <th scope="col">Status</th>
                    <th scope="col" className="num">
                      Lines
                    </th>
                    <th scope="col" className="num">
                      Total
                    </th>
                    <th scope="col">Placed</th>
                  </tr>
                </thead>
                <tbody>
                  {connection.edges.map(({ node }) => {
                    const open = expanded.has(node.id);
                    const linesId = `order-${node.id}-lines`;
                    return (
                      <Fragment key={node.id}>
                        <tr>
                          <td>
                            <button
                              type="button"
                              className="btn btn-ghost btn-small"
                              aria-expanded={open}
                              aria-controls={open ? linesId : undefined}
                              onClick={() => toggle(node.id)}
                            >
                              <span aria-hidden="true">{open ? '▾' : '▸'}</span> {node.number}
                            </button>
                          </td>
                          {withContact ? (
                            <td>
                              <Customer order={node} />
                            </td>
                          ) : null}
                          <td>
                            <StatusBadge status={node.status} />
                          </td>
                          <td className="num">{node.lines.length}</td>
                          <td className="num">{formatMoney(node.total)}</td>
                          <td>{formatDate(node.createdAt)}</td>
                        </tr>
                        {open ? (
                          <tr className="order-lines-row">
                            <td colSpan={withContact ? 6 : 5}>
                              <OrderLines order={node} id={linesId} />
                            </td>
                          </tr>
                        ) : null}
                      </Fragment>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <Pager label="Order pages" pages={pages} pageInfo={connection.pageInfo}>
              {firstShown}–{firstShown + connection.edges.length - 1} of {connection.totalCount}
            </Pager>
          </>
        )}
      </Panel>
    </>
  );
}
