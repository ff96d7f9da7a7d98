import { useEffect, useMemo, useState, type DragEvent, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import {
  ContactOptionsDocument,
  CreateDealDocument,
  DealsDocument,
  MarkDealLostDocument,
  MarkDealWonDocument,
  UpdateDealStageDocument,
  type DealCardFragment,
  type DealStage,
} from '../generated/graphql';
import { Empty, Field, PageHeader, Panel, Pending } from '../components/ui';
import { errorMessage, formErrors } from '../lib/errors';
import { formatMoney, humanize } from '../lib/format';
import { useDebounced } from '../lib/hooks';
import { useWorkspace } from '../workspace';

export const STAGES: DealStage[] = ['LEAD', 'QUALIFIED', 'PROPOSAL', 'NEGOTIATION', 'WON', 'LOST'];
const CLOSED = new Set<DealStage>(['WON', 'LOST']);
const DRAG_TYPE = 'application/x-tessera-deal';

function NewDeal({ onDone }: { onDone: () => void }) {
  const { me } = useWorkspace();
  const [contactSearch, setContactSearch] = useState('');
  const search = useDebounced(contactSearch.trim());
  const [contacts] = useQuery({ query: ContactOptionsDocument, variables: { search: search || null } });
  const [{ fetching }, create] = useMutation(CreateDealDocument);
  const [form, setForm] = useState({
    title: '',
    contactId: '',
    amount: '',
    currency: me.tenant.defaultCurrency,
    stage: 'LEAD' as DealStage,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: event.target.value }));
  const options = contacts.data?.contacts.edges.map((edge) => edge.node) ?? [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!form.title.trim()) local.title = 'A title is required.';
    if (!form.contactId) local.contactId = 'Choose the customer.';
    if (!/^\d+(\.\d{1,2})?$/.test(form.amount.trim())) local.amount = 'Enter an amount such as 1200 or 1200.50.';
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    const result = await create({
      input: {
        title: form.title.trim(),
        contactId: form.contactId,
        amount: { amount: form.amount.trim(), currency: form.currency },
        stage: form.stage,
      },
    });
    const payload = result.data?.createDeal;
    if (payload?.deal) {
      onDone();
      return;
    }
    setErrors(formErrors(payload?.userErrors, result.error, 'The deal could not be created.'));
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="New deal">
      {errors[''] ? (
        <p className="notice notice-error" role="alert">
          {errors['']}
        </p>
      ) : null}
      <div className="form-row">
        <Field label="Title" error={errors.title}>
          {(props) => <input {...props} required value={form.title} onChange={set('title')} />}
        </Field>
        <Field label="Find customer">
          {(props) => (
            <input
              {...props}
              type="search"
              placeholder="Type to filter"
              value={contactSearch}
              onChange={(e) => setContactSearch(e.target.value)}
            />
          )}
        </Field>
        <Field label="Customer" error={errors.contactId}>
          {(props) => (
            <select {...props} required value={form.contactId} onChange={set('contactId')}>
              <option value="">{contacts.fetching ? 'Loading…' : options.length === 0 ? 'No contacts found' : 'Choose…'}</option>
              {options.map((contact) => (
                <option key={contact.id} value={contact.id}>
                  {contact.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="form-row">
        <Field label="Amount" error={errors.amount}>
          {(props) => <input {...props} inputMode="decimal" required value={form.amount} onChange={set('amount')} />}
        </Field>
        <Field label="Currency" error={errors.currency}>
          {(props) => (
            <input
              {...props}
              maxLength={3}
              value={form.currency}
              onChange={(e) => setForm((f) => ({ ...f, currency: e.target.value.toUpperCase() }))}
            />
          )}
        </Field>
        <Field label="Stage" error={errors.stage}>
          {(props) => (
            <select {...props} value={form.stage} onChange={set('stage')}>
              {STAGES.filter((stage) => !CLOSED.has(stage)).map((stage) => (
                <option key={stage} value={stage}>
                  {humanize(stage)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div>
        <button type="submit" className="btn btn-primary" disabled={fetching}>
          {fetching ? 'Adding…' : 'Add deal'}
        </button>
      </div>
    </form>
  );
}

function DealCard({
  deal,
  stage,
  busy,
  onMove,
}: {
  deal: DealCardFragment;
  stage: DealStage;
  busy: boolean;
  onMove: (stage: DealStage) => void;
}) {
  const closed = CLOSED.has(deal.stage);
  return (
    <li
      className="deal-card"
      data-testid={`deal-${deal.id}`}
      draggable={!closed && !busy}
      aria-busy={busy}
      onDragStart={(event) => {
        event.dataTransfer.setData(DRAG_TYPE, deal.id);
        event.dataTransfer.setData('text/plain', deal.title);
        event.dataTransfer.effectAllowed = 'move';
      }}
    >
      <span className="deal-title">{deal.title}</span>
      <span>{formatMoney(deal.amount)}</span>
      <span className="muted">
        <Link to={`/contacts/${deal.contact.id}`}>{deal.contact.name}</Link>
        {deal.owner ? ` · ${deal.owner.name}` : ''}
      </span>
      {deal.lostReason ? <span className="muted">Lost: {deal.lostReason}</span> : null}
      {closed ? null : (
        <label>
          <span className="visually-hidden">Move {deal.title} to</span>
          <select value={stage} disabled={busy} onChange={(event) => onMove(event.target.value as DealStage)}>
            {STAGES.map((option) => (
              <option key={option} value={option}>
                {option === stage ? humanize(option) : `Move to ${humanize(option)}`}
              </option>
            ))}
          </select>
        </label>
      )}
    </li>
  );
}

/** The pipeline as a board: drag a card (or use its "Move to" menu) to change its stage; WON and LOST close it. */
export default function DealsPage() {
  const [adding, setAdding] = useState(false);
  const [{ data, error, fetching }, refetch] = useQuery({ query: DealsDocument, variables: { first: 100, after: null } });
  const [, updateStage] = useMutation(UpdateDealStageDocument);
  const [, markWon] = useMutation(MarkDealWonDocument);
  const [, markLost] = useMutation(MarkDealLostDocument);
  const [moving, setMoving] = useState<Record<string, DealStage>>({});
  const [dropTarget, setDropTarget] = useState<DealStage | null>(null);
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const deals = useMemo(() => data?.deals.edges.map((edge) => edge.node) ?? [], [data]);
  // A moved card stays in its new column until the board is re-read, instead of jumping back meanwhile.
  useEffect(() => {
    setMoving((current) => {
      const settled = Object.keys(current).filter((id) => deals.find((deal) => deal.id === id)?.stage === current[id]);
      if (settled.length === 0) return current;
      const rest = { ...current };
      for (const id of settled) delete rest[id];
      return rest;
    });
  }, [deals]);

  async function move(deal: DealCardFragment, stage: DealStage) {
    if (stage === deal.stage || CLOSED.has(deal.stage)) return;
    setMoving((m) => ({ ...m, [deal.id]: stage }));
    setMessage(null);
    const result =
      stage === 'WON'
        ? await markWon({ input: { dealId: deal.id } })
        : stage === 'LOST'
          ? await markLost({ input: { dealId: deal.id } })
          : await updateStage({ input: { dealId: deal.id, stage } });
    const payload = result.data ? Object.values(result.data)[0] : null;
    const problem =
      payload?.userErrors[0]?.message ?? (payload?.deal ? null : errorMessage(result.error) || 'The deal could not be moved.');
    if (problem) {
      setMoving(({ [deal.id]: _done, ...rest }) => rest);
      setMessage({ tone: 'error', text: `${deal.title}: ${problem}` });
    } else {
      setMessage({
        tone: 'success',
        text:
          stage === 'WON'
            ? `${deal.title} won. Its draft invoice is on its way to Invoices.`
            : `${deal.title} moved to ${humanize(stage)}.`,
      });
      refetch({ requestPolicy: 'network-only' });
    }
  }

  function onDrop(event: DragEvent, stage: DealStage) {
    event.preventDefault();
    setDropTarget(null);
    const id = event.dataTransfer.getData(DRAG_TYPE);
    const deal = deals.find((d) => d.id === id);
    if (deal) void move(deal, stage);
  }

  return (
    <>
      <PageHeader
        title="Deals"
        description="Drag a deal to another stage, or use its menu. Winning a deal drafts its invoice."
        actions={
          <button type="button" className="btn btn-primary" aria-expanded={adding} onClick={() => setAdding((a) => !a)}>
            {adding ? 'Close' : 'New deal'}
          </button>
        }
      />
      {adding ? (
        <Panel title="New deal">
          <NewDeal
            onDone={() => {
              setAdding(false);
              refetch({ requestPolicy: 'network-only' });
            }}
          />
        </Panel>
      ) : null}
      <div aria-live="polite">
        {message ? (
          <p className={`notice notice-${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'}>
            {message.text}
          </p>
        ) : null}
      </div>
      {!data ? (
        <Pending
          error={error}
          fetching={fetching}
          onRetry={() => refetch({ requestPolicy: 'network-only' })}
          label="Loading the pipeline…"
        />
      ) : deals.length === 0 && !adding ? (
        <Panel title="Pipeline">
          <Empty title="No deals yet">
            <button type="button" className="btn btn-primary" onClick={() => setAdding(true)}>
              Add your first deal
            </button>
          </Empty>
        </Panel>
      ) : (
        <>
          {data.deals.totalCount > deals.length ? (
            <p className="muted">
              Showing the {deals.length} most recent of {data.deals.totalCount} deals.
            </p>
          ) : null}
          <div className="board">
            {STAGES.map((stage) => {
              const column = deals.filter((deal) => (moving[deal.id] ?? deal.stage) === stage);
              const total = column.reduce((sum, deal) => sum + Number(deal.amount.amount), 0);
              return (
                <section
                  key={stage}
                  className={`board-column ${dropTarget === stage ? 'drop-target' : ''}`}
                  aria-label={`${humanize(stage)} deals`}
                  data-stage={stage}
                  onDragOver={(event) => {
                    if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
                    event.preventDefault();
                    event.dataTransfer.dropEffect = 'move';
                    setDropTarget(stage);
                  }}
                  onDragLeave={() => setDropTarget((current) => (current === stage ? null : current))}
                  onDrop={(event) => onDrop(event, stage)}
                >
                  <h2>
                    <span>{humanize(stage)}</span>
                    <span className="muted">{column.length}</span>
                  </h2>
                  {column.length > 0 && column[0] ? (
                    <p className="muted" style={{ margin: '0 0 0.5rem', fontSize: '0.8rem' }}>
                      {formatMoney({ amount: String(total), currency: column[0].amount.currency }, { compact: true })}
                      {column.some((d) => d.amount.currency !== column[0]!.amount.currency) ? ' (mixed currencies)' : ''}
                    </p>
                  ) : null}
                  <ul>
                    {column.map((deal) => (
                      <DealCard
                        key={deal.id}
                        deal={deal}
                        stage={moving[deal.id] ?? deal.stage}
                        busy={!!moving[deal.id]}
                        onMove={(to) => void move(deal, to)}
                      />
                    ))}
                  </ul>
                </section>
              );
            })}
          </div>
        </>
      )}
    </>
  );
}
