import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery, useSubscription } from 'urql';
import {
  InvoicesDocument,
  InvoiceUpdatesDocument,
  RecordPaymentDocument,
  SendInvoiceDocument,
  type InvoiceRowFragment,
  type InvoiceStatus,
} from '../generated/graphql';
import { Empty, Field, LiveBadge, PageHeader, Pager, Panel, Pending, StatusBadge } from '../components/ui';
import { errorMessage } from '../lib/errors';
import { formatDate, formatMoney, humanize } from '../lib/format';
import { useCursorPages } from '../lib/hooks';

const FILTERS: { label: string; status: InvoiceStatus[] | null }[] = [
  { label: 'All', status: null },
  { label: 'Draft', status: ['DRAFT'] },
  { label: 'Open', status: ['SENT', 'PARTIALLY_PAID', 'OVERDUE'] },
  { label: 'Overdue', status: ['OVERDUE'] },
  { label: 'Paid', status: ['PAID'] },
  { label: 'Void', status: ['VOID'] },
];
const PAYABLE = new Set<InvoiceStatus>(['SENT', 'PARTIALLY_PAID', 'OVERDUE']);
const PAGE_SIZE = 25;

function PaymentForm({ invoice, onDone }: { invoice: InvoiceRowFragment; onDone: (message: string | null) => void }) {
  const [{ fetching }, record] = useMutation(RecordPaymentDocument);
  const [amount, setAmount] = useState(invoice.amountDue.amount);
  const [method, setMethod] = useState('bank transfer');
  const [error, setError] = useState<string | undefined>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!/^\d+(\.\d{1,2})?$/.test(amount.trim()) || Number(amount) <= 0) {
      setError('Enter a positive amount such as 250 or 250.50.');
      return;
    }
    const result = await record({
      input: { invoiceId: invoice.id, amount: { amount: amount.trim(), currency: invoice.currency }, method },
    });
    const payload = result.data?.recordPayment;
    if (payload?.invoice) {
      onDone(
        `Payment of ${formatMoney({ amount: amount.trim(), currency: invoice.currency })} recorded on ${invoice.number ?? 'the invoice'}.`,
      );
      return;
    }
    setError(payload?.userErrors[0]?.message ?? (errorMessage(result.error) || 'The payment could not be recorded.'));
  }

  return (
    <form className="form-inline" onSubmit={submit} noValidate aria-label={`Record a payment on ${invoice.number ?? 'draft'}`}>
      <Field label={`Amount (${invoice.currency})`} error={error}>
        {(props) => <input {...props} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} autoFocus />}
      </Field>
      <Field label="Method">
        {(props) => (
          <select {...props} value={method} onChange={(e) => setMethod(e.target.value)}>
            <option value="bank transfer">Bank transfer</option>
            <option value="card">Card</option>
            <option value="cash">Cash</option>
          </select>
        )}
      </Field>
      <button type="submit" className="btn btn-primary" disabled={fetching}>
        {fetching ? 'Saving…' : 'Save payment'}
      </button>
      <button type="button" className="btn btn-ghost" onClick={() => onDone(null)}>
        Cancel
      </button>
    </form>
  );
}

/** Invoices, updated live from `invoiceChanged`: a won deal's draft appears here by itself. */
export default function InvoicesPage() {
  const [filter, setFilter] = useState(0);
  const pages = useCursorPages(String(filter));
  const status = FILTERS[filter]!.status;
  const [{ data, error, fetching }, refetch] = useQuery({
    query: InvoicesDocument,
    variables: { first: PAGE_SIZE, after: pages.after, status },
  });
  const [, send] = useMutation(SendInvoiceDocument);
  const [paying, setPaying] = useState<string | null>(null);
  const [sending, setSending] = useState<string | null>(null);
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [live, setLive] = useState<Record<string, InvoiceRowFragment>>({});
  const refresh = useRef<ReturnType<typeof setTimeout> | null>(null);

  // Each change of any of the tenant's invoices: shown at once, and the list re-read for new ones.
  const [updates] = useSubscription({ query: InvoiceUpdatesDocument }, (_previous, event) => {
    const invoice = event.invoiceChanged;
    setLive((current) => ({ ...current, [invoice.id]: invoice }));
    if (refresh.current) clearTimeout(refresh.current);
    refresh.current = setTimeout(() => refetch({ requestPolicy: 'network-only' }), 200);
    return event;
  });
  useEffect(() => () => void (refresh.current && clearTimeout(refresh.current)), []);
  useEffect(() => setLive({}), [data]);

  const invoices = (data?.invoices.edges.map((edge) => live[edge.node.id] ?? edge.node) ?? []).filter(
    (invoice) => !status || status.includes(invoice.status),
  );

  async function sendInvoice(invoice: InvoiceRowFragment) {
    setSending(invoice.id);
    setMessage(null);
    const result = await send({ input: { invoiceId: invoice.id } });
    setSending(null);
    const payload = result.data?.sendInvoice;
    if (payload?.invoice) {
      setMessage({
        tone: 'success',
        text: `Invoice ${payload.invoice.number ?? ''} sent to ${payload.invoice.contact?.name ?? 'the customer'}.`,
      });
      refetch({ requestPolicy: 'network-only' });
    } else {
      setMessage({
        tone: 'error',
        text: payload?.userErrors[0]?.message ?? (errorMessage(result.error) || 'The invoice could not be sent.'),
      });
    }
  }

  return (
    <>
      <PageHeader title="Invoices" description="Send drafts, record payments. Changes from anywhere appear here live." />
      <div aria-live="polite">
        {message ? (
          <p className={`notice notice-${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'}>
            {message.text}
          </p>
        ) : null}
      </div>
      <Panel
        title={data ? `${data.invoices.totalCount} ${data.invoices.totalCount === 1 ? 'invoice' : 'invoices'}` : 'Invoices'}
        actions={<LiveBadge error={updates.error} />}
      >
        <div className="toolbar" role="group" aria-label="Filter by status">
          {FILTERS.map((option, index) => (
            <button
              key={option.label}
              type="button"
              className={`chip ${filter === index ? 'chip-active' : ''}`}
              aria-pressed={filter === index}
              onClick={() => {
                setFilter(index);
              }}
            >
              {option.label}
            </button>
          ))}
        </div>
        {!data ? (
          <Pending error={error} fetching={fetching} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
        ) : invoices.length === 0 ? (
          <Empty title={status ? `No ${FILTERS[filter]!.label.toLowerCase()} invoices` : 'No invoices yet'}>
            {status ? null : (
              <>
                Win a deal on the <Link to="/deals">deals board</Link> and its draft invoice appears here.
              </>
            )}
          </Empty>
        ) : (
          <>
            <div className="table-wrap">
              <table aria-label="Invoices">
                <thead>
                  <tr>
                    <th scope="col">Number</th>
                    <th scope="col">Customer</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="num">
                      Total
                    </th>
                    <th scope="col" className="num">
                      Due
                    </th>
                    <th scope="col">Due date</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {invoices.map((invoice) => (
                    <InvoiceRow
                      key={invoice.id}
                      invoice={invoice}
                      paying={paying === invoice.id}
                      sending={sending === invoice.id}
                      onSend={() => void sendInvoice(invoice)}
                      onPay={() => setPaying(invoice.id)}
                      onPaid={(text) => {
                        setPaying(null);
                        if (text) {
                          setMessage({ tone: 'success', text });
                          refetch({ requestPolicy: 'network-only' });
                        }
                      }}
                    />
                  ))}
                </tbody>
              </table>
            </div>
            <Pager label="Invoice pages" pages={pages} pageInfo={data.invoices.pageInfo}>
              Page {pages.page}
            </Pager>
          </>
        )}
      </Panel>
    </>
  );
}

function InvoiceRow({
  invoice,
  paying,
  sending,
  onSend,
  onPay,
  onPaid,
}: {
  invoice: InvoiceRowFragment;
  paying: boolean;
  sending: boolean;
  onSend: () => void;
  onPay: () => void;
  onPaid: (message: string | null) => void;
}) {
  const label = invoice.number ?? 'Draft';
  return (
    <>
      <tr data-testid={`invoice-${invoice.id}`}>
        <td>
          {label}
          {invoice.deal ? <div className="muted">{invoice.deal.title}</div> : null}
        </td>
        <td>{invoice.contact ? <Link to={`/contacts/${invoice.contact.id}`}>{invoice.contact.name}</Link> : '—'}</td>
        <td>
          <StatusBadge status={invoice.status} />
        </td>
        <td className="num">{formatMoney(invoice.total)}</td>
        <td className="num">{formatMoney(invoice.amountDue)}</td>
        <td>{formatDate(invoice.dueDate)}</td>
        <td>
          {invoice.status === 'DRAFT' ? (
            <button
              type="button"
              className="btn btn-primary btn-small"
              disabled={sending}
              onClick={onSend}
              aria-label={`Send ${label} to ${invoice.contact?.name ?? 'customer'}`}
            >
              {sending ? 'Sending…' : 'Send'}
            </button>
          ) : PAYABLE.has(invoice.status) && !paying ? (
            <button type="button" className="btn btn-secondary btn-small" onClick={onPay} aria-label={`Record payment on ${label}`}>
              Record payment
            </button>
          ) : (
            <span className="muted">{invoice.status === 'PAID' ? 'Settled' : humanize(invoice.status)}</span>
          )}
        </td>
      </tr>
      {paying ? (
        <tr>
          <td colSpan={7}>
            <PaymentForm invoice={invoice} onDone={onPaid} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
