import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEnvelope,
  Outbox,
  parseEnvelope,
  type EventEnvelope,
  type EventType,
  type NewEvent,
  type SqlExecutor,
} from '@tessera/events';
import {
  asTenant,
  callSubgraph,
  codesOf,
  expectData,
  newCaller,
  recordedEvents,
  resolveEntities,
  testOutboxNamespace,
} from '../../../packages/testkit/src/index.js';
import { invoicingConsumers } from '../src/index.js';
import {
  CREATE_CREDIT_NOTE,
  CREATE_INVOICE,
  createDraft,
  getInvoice,
  LIST_INVOICES,
  pay,
  send,
  SEND_INVOICE,
  sentInvoice,
  startInvoicing,
  UPDATE_DRAFT,
  VOID_INVOICE,
  type Harness,
  type Invoice,
} from './harness.js';

let h: Harness;
const year = new Date().getUTCFullYear();

beforeAll(async () => {
  h = await startInvoicing();
});
afterAll(async () => {
  await h.stop();
});

type Caller = ReturnType<typeof newCaller>;
type Row = Awaited<ReturnType<typeof recordedEvents>>[number];

const TEST_NAMESPACE = testOutboxNamespace('invoicing');

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** The tenant's outbox rows recorded after `before` (a previous read of them). */
async function rowsSince(tenantId: string, before: readonly Row[]): Promise<Row[]> {
  const rows = await recordedEvents(h.db, tenantId);
  expect(rows.slice(0, before.length)).toEqual(before);
  return rows.slice(before.length);
}

/**
 * Checks one outbox row: of the tenant, of `type` about `subjectId`, under the subject
 * of its type and tenant, carrying a valid envelope that matches the row. Returns the envelope.
 */
function expectEvent(row: Row | undefined, tenantId: string, type: EventType, subjectId: string): EventEnvelope {
  expect(row).toBeDefined();
  const rest = type.slice('invoicing.'.length);
  expect(row).toMatchObject({ type, subjectId, subject: `${TEST_NAMESPACE}.invoicing.${tenantId}.${rest}` });
  const envelope = parseEnvelope(row!.envelope);
  expect(envelope).toMatchObject({ type, version: 1, tenantId, source: 'invoicing', subjectId, traceparent: null });
  return envelope;
}

const iso = (value: string | null) => (value === null ? null : new Date(value).toISOString());

/** The facts every invoice event carries, as the API shows the invoice. */
function factsOf(invoice: Invoice) {
  return {
    contactId: invoice.contact.id,
    dealId: invoice.deal?.id ?? null,
    number: invoice.number,
    status: invoice.status,
    total: invoice.total,
    amountPaid: invoice.amountPaid,
    amountDue: invoice.amountDue,
    issuedAt: iso(invoice.issuedAt),
    dueDate: invoice.dueDate,
  };
}

const call = async (caller: Caller, document: string, input: Record<string, unknown>) => {
  const data = expectData(await callSubgraph(h.url, caller, document, { input }));
  return Object.values(data)[0] as { invoice: Invoice | null; userErrors: { code: string }[]; [key: string]: any };
};

describe('invoicing.invoice.created', () => {
  it('is recorded once by createInvoice, with the draft’s facts', async () => {
    const caller = newCaller();
    const contactId = randomUUID();
    const dealId = randomUUID();
    const invoice = await createDraft(h.url, caller, {
      contactId,
      dealId,
      dueDate: '2030-01-31',
      lines: [
        { description: 'Hours', quantity: '10', unitPrice: '100', taxRate: '19' },
        { description: 'Widgets', quantity: '3', unitPrice: '0.335' },
      ],
    });
    const rows = await recordedEvents(h.db, caller.tenantId);
    expect(rows).toHaveLength(1);
    const event = expectEvent(rows[0], caller.tenantId, 'invoicing.invoice.created', invoice.id);
    // recorded in the outbox row of its id, not published (the relay does that after commit)
    expect(
      await asTenant(h.db, caller.tenantId, (tx) => tx.outboxEvent.findMany({ select: { id: true, tenantId: true, publishedAt: true } })),
    ).toEqual([{ id: event.id, tenantId: caller.tenantId, publishedAt: null }]);
    expect(event.data).toEqual({
      contactId,
      dealId,
      number: null,
      status: 'DRAFT',
      total: { amount: '1191.01', currency: 'EUR' },
      amountPaid: { amount: '0.00', currency: 'EUR' },
      amountDue: { amount: '1191.01', currency: 'EUR' },
      issuedAt: null,
      dueDate: '2030-01-31',
    });
    expect(event.data).toEqual(factsOf(invoice));
  });

  it('formats amounts with the currency’s decimals (JPY 0, KWD 3)', async () => {
    const caller = newCaller();
    const yen = await createDraft(h.url, caller, {
      contactId: randomUUID(),
      currency: 'jpy',
      lines: [{ description: 'Tea', quantity: '3', unitPrice: '333.5' }],
    });
    const dinar = await createDraft(h.url, caller, {
      contactId: randomUUID(),
      currency: 'KWD',
      lines: [{ description: 'Oil', quantity: '1', unitPrice: '1.0005' }],
    });
    const [yenRow, dinarRow, ...none] = await recordedEvents(h.db, caller.tenantId);
    expect(none).toEqual([]);
    expect(expectEvent(yenRow, caller.tenantId, 'invoicing.invoice.created', yen.id).data).toMatchObject({
      dealId: null,
      dueDate: null,
      total: { amount: '1001', currency: 'JPY' },
      amountPaid: { amount: '0', currency: 'JPY' },
      amountDue: { amount: '1001', currency: 'JPY' },
    });
    expect(expectEvent(dinarRow, caller.tenantId, 'invoicing.invoice.created', dinar.id).data).toMatchObject({
      total: { amount: '1.001', currency: 'KWD' },
      amountDue: { amount: '1.001', currency: 'KWD' },
    });
  });

  it('is not recorded by a refused createInvoice', async () => {
    const caller = newCaller();
    const line = { description: 'Work', quantity: '1', unitPrice: '10' };
    const refusals: [Record<string, unknown>, string[]][] = [
      [{ contactId: 'nope', currency: 'EUR', lines: [line] }, ['INVALID_ID']],
      [{ contactId: randomUUID(), dealId: 'nope', currency: 'EUR', lines: [line] }, ['INVALID_ID']],
      [{ contactId: randomUUID(), currency: 'EURO', lines: [line] }, ['INVALID_CURRENCY']],
      [{ contactId: randomUUID(), currency: 'EUR', lines: [] }, ['LINES_REQUIRED']],
      [{ contactId: randomUUID(), currency: 'EUR', lines: [{ ...line, unitPrice: '-1' }] }, ['INVALID_UNIT_PRICE']],
      [{ contactId: randomUUID(), currency: 'EUR', lines: [{ ...line, quantity: '0' }] }, ['INVALID_QUANTITY']],
      [{ contactId: randomUUID(), currency: 'EUR', lines: [{ ...line, taxRate: '101' }] }, ['INVALID_TAX_RATE']],
    ];
    for (const [input, expected] of refusals) {
      const payload = await call(caller, CREATE_INVOICE, input);
      expect(payload.invoice, JSON.stringify(input)).toBeNull();
      expect(codesOf(payload), JSON.stringify(input)).toEqual(expected);
    }
    expect(await recordedEvents(h.db, caller.tenantId)).toEqual([]);
  });
});

describe('invoicing.invoice.updated', () => {
  it('is recorded once per draft change, with the new totals and due date', async () => {
    const caller = newCaller();
    const draft = await createDraft(h.url, caller, { contactId: randomUUID(), dueDate: '2030-01-31' });
    const before = await recordedEvents(h.db, caller.tenantId);
    const relined = await call(caller, UPDATE_DRAFT, {
      invoiceId: draft.id,
      lines: [{ description: 'More', quantity: '2', unitPrice: '50', taxRate: '10' }],
    });
    expect(relined.userErrors).toEqual([]);
    const undated = await call(caller, UPDATE_DRAFT, { invoiceId: draft.id, dueDate: null });
    expect(undated.userErrors).toEqual([]);
    const rows = await rowsSince(caller.tenantId, before);
    expect(rows).toHaveLength(2);
    expect(expectEvent(rows[0], caller.tenantId, 'invoicing.invoice.updated', draft.id).data).toEqual({
      ...factsOf(draft),
      total: { amount: '110.00', currency: 'EUR' },
      amountDue: { amount: '110.00', currency: 'EUR' },
      dueDate: '2030-01-31',
    });
    expect(expectEvent(rows[1], caller.tenantId, 'invoicing.invoice.updated', draft.id).data).toEqual({
      ...factsOf(undated.invoice!),
      dueDate: null,
      total: { amount: '110.00', currency: 'EUR' },
    });
  });

  it('is not recorded by a refused update (sent, unknown or another tenant’s invoice, invalid lines)', async () => {
    const caller = newCaller();
    const other = newCaller();
    const draft = await createDraft(h.url, caller, { contactId: randomUUID() });
    const sent = await sentInvoice(h.url, caller, randomUUID());
    const theirs = await createDraft(h.url, other, { contactId: randomUUID() });
    const before = await recordedEvents(h.db, caller.tenantId);
    const otherBefore = await recordedEvents(h.db, other.tenantId);
    const cases: [Caller, Record<string, unknown>, string[]][] = [
      [caller, { invoiceId: sent.id, dueDate: '2030-01-01' }, ['INVOICE_NOT_DRAFT']],
      [caller, { invoiceId: draft.id, lines: [] }, ['LINES_REQUIRED']],
      [caller, { invoiceId: draft.id, lines: [{ description: ' ', quantity: '1', unitPrice: '1' }] }, ['INVALID_DESCRIPTION']],
      [caller, { invoiceId: UNKNOWN_ID, dueDate: '2030-01-01' }, ['NOT_FOUND']],
      [caller, { invoiceId: 'nope', dueDate: '2030-01-01' }, ['NOT_FOUND']],
      [caller, { invoiceId: theirs.id, dueDate: '2030-01-01' }, ['NOT_FOUND']],
      [other, { invoiceId: draft.id, dueDate: '2030-01-01' }, ['NOT_FOUND']],
    ];
    for (const [who, input, expected] of cases) {
      const payload = await call(who, UPDATE_DRAFT, input);
      expect(payload.invoice, JSON.stringify(input)).toBeNull();
      expect(codesOf(payload), JSON.stringify(input)).toEqual(expected);
    }
    expect(await recordedEvents(h.db, caller.tenantId)).toEqual(before);
    expect(await recordedEvents(h.db, other.tenantId)).toEqual(otherBefore);
  });
});

describe('invoicing.invoice.sent', () => {
  it('is recorded once by sendInvoice, with the number, issue date and default due date', async () => {
    const caller = newCaller();
    const contactId = randomUUID();
    const draft = await createDraft(h.url, caller, { contactId });
    const before = await recordedEvents(h.db, caller.tenantId);
    const sent = await send(h.url, caller, draft.id);
    expect(sent.status).toBe('SENT');
    const rows = await rowsSince(caller.tenantId, before);
    expect(rows).toHaveLength(1);
    const event = expectEvent(rows[0], caller.tenantId, 'invoicing.invoice.sent', draft.id);
    expect(event.data).toEqual({
      contactId,
      dealId: null,
      number: `INV-${year}-0001`,
      status: 'SENT',
      total: { amount: '100.00', currency: 'EUR' },
      amountPaid: { amount: '0.00', currency: 'EUR' },
      amountDue: { amount: '100.00', currency: 'EUR' },
      issuedAt: iso(sent.issuedAt),
      dueDate: sent.dueDate,
    });
    const issued = new Date(sent.issuedAt);
    const due = new Date(Date.UTC(issued.getUTCFullYear(), issued.getUTCMonth(), issued.getUTCDate() + 30));
    expect((event.data as { dueDate: string }).dueDate).toBe(due.toISOString().slice(0, 10));
  });

  it('is followed by invoicing.invoice.paid when the invoice has nothing to pay (total 0)', async () => {
    const caller = newCaller();
    const draft = await createDraft(h.url, caller, {
      contactId: randomUUID(),
      lines: [{ description: 'Free sample', quantity: '1', unitPrice: '0', taxRate: '19' }],
    });
    const before = await recordedEvents(h.db, caller.tenantId);
    const sent = await send(h.url, caller, draft.id);
    expect(sent).toMatchObject({ status: 'PAID', total: { amount: '0.00' }, paidAt: expect.any(String) });
    const rows = await rowsSince(caller.tenantId, before);
    expect(rows.map((row) => row.type)).toEqual(['invoicing.invoice.sent', 'invoicing.invoice.paid']);
    const facts = {
      ...factsOf(sent),
      number: `INV-${year}-0001`,
      status: 'PAID',
      total: { amount: '0.00', currency: 'EUR' },
      amountDue: { amount: '0.00', currency: 'EUR' },
    };
    expect(expectEvent(rows[0], caller.tenantId, 'invoicing.invoice.sent', draft.id).data).toEqual(facts);
    expect(expectEvent(rows[1], caller.tenantId, 'invoicing.invoice.paid', draft.id).data).toEqual({
      ...facts,
      paidAt: iso(sent.paidAt),
    });
  });

  it('is not recorded by a refused send (already sent, unknown or another tenant’s invoice)', async () => {
    const caller = newCaller();
    const other = newCaller();
    const sent = await sentInvoice(h.url, caller, randomUUID());
    const theirs = await createDraft(h.url, other, { contactId: randomUUID() });
    const mine = await createDraft(h.url, caller, { contactId: randomUUID() });
    const before = await recordedEvents(h.db, caller.tenantId);
    const otherBefore = await recordedEvents(h.db, other.tenantId);
    const cases: [Caller, string, string[]][] = [
      [caller, sent.id, ['INVOICE_NOT_DRAFT']],
      [caller, UNKNOWN_ID, ['NOT_FOUND']],
      [caller, 'nope', ['NOT_FOUND']],
      [caller, theirs.id, ['NOT_FOUND']],
      [other, mine.id, ['NOT_FOUND']],
    ];
    for (const [who, invoiceId, expected] of cases) {
      const payload = await call(who, SEND_INVOICE, { invoiceId });
      expect(payload.invoice, invoiceId).toBeNull();
      expect(codesOf(payload), invoiceId).toEqual(expected);
    }
    expect(await recordedEvents(h.db, caller.tenantId)).toEqual(before);
    expect(await recordedEvents(h.db, other.tenantId)).toEqual(otherBefore);
  });

  it('shares the transaction of the change: when recording the event fails, the invoice stays a draft and no number is used', async () => {
    class FailingOutbox extends Outbox {
      override async record<T extends EventType>(tx: SqlExecutor, event: NewEvent<T>): Promise<EventEnvelope<T>> {
        await super.record(tx, event);
        throw new Error('bus bookkeeping failed');
      }
    }
    const caller = newCaller();
    const draft = await createDraft(h.url, caller, { contactId: randomUUID() });
    const before = await recordedEvents(h.db, caller.tenantId);
    const failing = await startInvoicing({ outbox: new FailingOutbox('invoicing', TEST_NAMESPACE) });
    try {
      const response = await callSubgraph(failing.url, caller, SEND_INVOICE, { input: { invoiceId: draft.id } });
      expect(response.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await failing.stop();
    }
    expect(await recordedEvents(h.db, caller.tenantId)).toEqual(before);
    expect(await getInvoice(h.url, caller, draft.id)).toMatchObject({ status: 'DRAFT', number: null, issuedAt: null });
    expect((await send(h.url, caller, draft.id)).number).toBe(`INV-${year}-0001`);
  });
});

describe('invoicing.invoice.payment_recorded and invoicing.invoice.paid', () => {
  it('a partial payment records payment_recorded only, with the payment and what is still due', async () => {
    const caller = newCaller();
    const invoice = await sentInvoice(h.url, caller, randomUUID(), '100');
    const before = await recordedEvents(h.db, caller.tenantId);
    const result = await pay(h.url, caller, invoice.id, '40', 'EUR', 'bank transfer');
    expect(result.userErrors).toEqual([]);
    expect(result.invoice).toMatchObject({ status: 'PARTIALLY_PAID' });
    const rows = await rowsSince(caller.tenantId, before);
    expect(rows).toHaveLength(1);
    const receivedAt = result.invoice!.payments[0].receivedAt as string;
    expect(expectEvent(rows[0], caller.tenantId, 'invoicing.invoice.payment_recorded', invoice.id).data).toEqual({
      ...factsOf(invoice),
      status: 'PARTIALLY_PAID',
      amountPaid: { amount: '40.00', currency: 'EUR' },
      amountDue: { amount: '60.00', currency: 'EUR' },
      paymentId: result.payment!.id,
      payment: { amount: '40.00', currency: 'EUR' },
      paidAt: iso(receivedAt),
    });
  });

  it('the payment that settles the invoice records payment_recorded, then paid with status PAID and nothing due', async () => {
    const caller = newCaller();
    const invoice = await sentInvoice(h.url, caller, randomUUID(), '100');
    expect((await pay(h.url, caller, invoice.id, '40')).userErrors).toEqual([]);
    const before = await recordedEvents(h.db, caller.tenantId);
    const result = await pay(h.url, caller, invoice.id, '60');
    expect(result.userErrors).toEqual([]);
    expect(result.invoice).toMatchObject({ status: 'PAID', paidAt: expect.any(String) });
    const rows = await rowsSince(caller.tenantId, before);
    expect(rows.map((row) => row.type)).toEqual(['invoicing.invoice.payment_recorded', 'invoicing.invoice.paid']);
    const settled = {
      ...factsOf(invoice),
      status: 'PAID',
      amountPaid: { amount: '100.00', currency: 'EUR' },
      amountDue: { amount: '0.00', currency: 'EUR' },
    };
    expect(expectEvent(rows[0], caller.tenantId, 'invoicing.invoice.payment_recorded', invoice.id).data).toEqual({
      ...settled,
      paymentId: result.payment!.id,
      payment: { amount: '60.00', currency: 'EUR' },
      paidAt: iso(result.invoice!.paidAt),
    });
    expect(expectEvent(rows[1], caller.tenantId, 'invoicing.invoice.paid', invoice.id).data).toEqual({
      ...settled,
      paidAt: iso(result.invoice!.paidAt),
    });
  });

  it('formats payments with the currency’s decimals (JPY)', async () => {
    const caller = newCaller();
    const invoice = await sentInvoice(h.url, caller, randomUUID(), '1000', 'JPY');
    const result = await pay(h.url, caller, invoice.id, '1000', 'JPY');
    expect(result.userErrors).toEqual([]);
    const rows = (await recordedEvents(h.db, caller.tenantId)).filter((row) => row.type !== 'invoicing.invoice.created');
    expect(rows.map((row) => row.type)).toEqual(['invoicing.invoice.sent', 'invoicing.invoice.payment_recorded', 'invoicing.invoice.paid']);
    expect(expectEvent(rows[1], caller.tenantId, 'invoicing.invoice.payment_recorded', invoice.id).data).toMatchObject({
      payment: { amount: '1000', currency: 'JPY' },
      amountPaid: { amount: '1000', currency: 'JPY' },
      amountDue: { amount: '0', currency: 'JPY' },
    });
  });

  it('are not recorded by a refused payment', async () => {
    const caller = newCaller();
    const other = newCaller();
    const open = await sentInvoice(h.url, caller, randomUUID(), '100');
    const draft = await createDraft(h.url, caller, { contactId: randomUUID() });
    const paid = await sentInvoice(h.url, caller, randomUUID(), '10');
    expect((await pay(h.url, caller, paid.id, '10')).userErrors).toEqual([]);
    const voided = await sentInvoice(h.url, caller, randomUUID(), '10');
    expect((await call(caller, VOID_INVOICE, { invoiceId: voided.id })).userErrors).toEqual([]);
    const theirs = await sentInvoice(h.url, other, randomUUID(), '100');
    const before = await recordedEvents(h.db, caller.tenantId);
    const otherBefore = await recordedEvents(h.db, other.tenantId);
    const cases: [Caller, string, string, string, string[]][] = [
      [caller, open.id, '100.01', 'EUR', ['OVERPAYMENT']],
      [caller, open.id, '10', 'USD', ['CURRENCY_MISMATCH']],
      [caller, open.id, '0', 'EUR', ['INVALID_AMOUNT']],
      [caller, open.id, '1.001', 'EUR', ['INVALID_AMOUNT']],
      [caller, draft.id, '1', 'EUR', ['INVOICE_NOT_PAYABLE']],
      [caller, voided.id, '1', 'EUR', ['INVOICE_NOT_PAYABLE']],
      [caller, paid.id, '1', 'EUR', ['OVERPAYMENT']],
      [caller, UNKNOWN_ID, '1', 'EUR', ['NOT_FOUND']],
      [caller, theirs.id, '1', 'EUR', ['NOT_FOUND']],
      [other, open.id, '1', 'EUR', ['NOT_FOUND']],
    ];
    for (const [who, invoiceId, amount, currency, expected] of cases) {
      const payload = await pay(h.url, who, invoiceId, amount, currency);
      expect(payload.payment, `${invoiceId} ${amount} ${currency}`).toBeNull();
      expect(codesOf(payload), `${invoiceId} ${amount} ${currency}`).toEqual(expected);
    }
    expect(await recordedEvents(h.db, caller.tenantId)).toEqual(before);
    expect(await recordedEvents(h.db, other.tenantId)).toEqual(otherBefore);
  });
});

describe('invoicing.invoice.voided', () => {
  it('is recorded once by voidInvoice; a refused void records nothing', async () => {
    const caller = newCaller();
    const other = newCaller();
    const invoice = await sentInvoice(h.url, caller, randomUUID(), '100');
    const draft = await createDraft(h.url, caller, { contactId: randomUUID() });
    const partly = await sentInvoice(h.url, caller, randomUUID(), '100');
    expect((await pay(h.url, caller, partly.id, '1')).userErrors).toEqual([]);
    const credited = await sentInvoice(h.url, caller, randomUUID(), '100');
    const note = await call(caller, CREATE_CREDIT_NOTE, {
      invoiceId: credited.id,
      reason: 'Goodwill',
      lines: [{ description: 'Discount', quantity: '1', unitPrice: '5' }],
    });
    expect(note.userErrors).toEqual([]);
    const before = await recordedEvents(h.db, caller.tenantId);

    const voided = await call(caller, VOID_INVOICE, { invoiceId: invoice.id });
    expect(voided.userErrors).toEqual([]);
    const rows = await rowsSince(caller.tenantId, before);
    expect(rows).toHaveLength(1);
    const event = expectEvent(rows[0], caller.tenantId, 'invoicing.invoice.voided', invoice.id);
    expect(event.data).toEqual({ ...factsOf(invoice), status: 'VOID' });
    expect(event.data).toEqual(factsOf(voided.invoice!));

    const cases: [Caller, string, string[]][] = [
      [caller, invoice.id, ['INVOICE_NOT_VOIDABLE']],
      [caller, draft.id, ['INVOICE_NOT_VOIDABLE']],
      [caller, partly.id, ['INVOICE_NOT_VOIDABLE']],
      [caller, credited.id, ['INVOICE_NOT_VOIDABLE']],
      [caller, UNKNOWN_ID, ['NOT_FOUND']],
      [other, draft.id, ['NOT_FOUND']],
    ];
    for (const [who, invoiceId, expected] of cases) {
      const payload = await call(who, VOID_INVOICE, { invoiceId });
      expect(payload.invoice, invoiceId).toBeNull();
      expect(codesOf(payload), invoiceId).toEqual(expected);
    }
    expect(await recordedEvents(h.db, caller.tenantId)).toEqual([...before, ...rows]);
    expect(await recordedEvents(h.db, other.tenantId)).toEqual([]);
  });
});

describe('invoicing.credit_note.issued', () => {
  it('is recorded once for a credit note that leaves something due, about the credit note', async () => {
    const caller = newCaller();
    const contactId = randomUUID();
    const invoice = await send(
      h.url,
      caller,
      (await createDraft(h.url, caller, { contactId, lines: [{ description: 'Hours', quantity: '10', unitPrice: '100', taxRate: '19' }] }))
        .id,
    );
    const before = await recordedEvents(h.db, caller.tenantId);
    const result = await call(caller, CREATE_CREDIT_NOTE, {
      invoiceId: invoice.id,
      reason: 'Two hours not worked',
      lines: [{ description: 'Hours', quantity: '2', unitPrice: '100', taxRate: '19' }],
    });
    expect(result.userErrors).toEqual([]);
    expect(result.invoice).toMatchObject({ status: 'SENT', amountDue: { amount: '952.00' } });
    const rows = await rowsSince(caller.tenantId, before);
    expect(rows).toHaveLength(1);
    expect(expectEvent(rows[0], caller.tenantId, 'invoicing.credit_note.issued', result.creditNote.id).data).toEqual({
      invoiceId: invoice.id,
      contactId,
      number: `CN-${year}-0001`,
      total: { amount: '238.00', currency: 'EUR' },
      issuedAt: iso(result.creditNote.issuedAt),
    });
  });

  it('is followed by invoicing.invoice.paid when the credit settles an open invoice', async () => {
    const caller = newCaller();
    const invoice = await sentInvoice(h.url, caller, randomUUID(), '100');
    expect((await pay(h.url, caller, invoice.id, '40')).userErrors).toEqual([]);
    const before = await recordedEvents(h.db, caller.tenantId);
    const result = await call(caller, CREATE_CREDIT_NOTE, {
      invoiceId: invoice.id,
      reason: 'Rest waived',
      lines: [{ description: 'Waiver', quantity: '1', unitPrice: '60' }],
    });
    expect(result.userErrors).toEqual([]);
    expect(result.invoice).toMatchObject({ status: 'PAID', paidAt: expect.any(String) });
    const rows = await rowsSince(caller.tenantId, before);
    expect(rows.map((row) => row.type)).toEqual(['invoicing.credit_note.issued', 'invoicing.invoice.paid']);
    expect(expectEvent(rows[0], caller.tenantId, 'invoicing.credit_note.issued', result.creditNote.id).data).toMatchObject({
      invoiceId: invoice.id,
      total: { amount: '60.00', currency: 'EUR' },
    });
    expect(expectEvent(rows[1], caller.tenantId, 'invoicing.invoice.paid', invoice.id).data).toEqual({
      ...factsOf(invoice),
      status: 'PAID',
      amountPaid: { amount: '40.00', currency: 'EUR' },
      amountDue: { amount: '0.00', currency: 'EUR' },
      paidAt: iso(result.invoice!.paidAt),
    });
  });

  it('crediting an invoice that is already PAID records the credit note only (no second paid)', async () => {
    const caller = newCaller();
    const invoice = await sentInvoice(h.url, caller, randomUUID(), '100');
    expect((await pay(h.url, caller, invoice.id, '100')).userErrors).toEqual([]);
    const before = await recordedEvents(h.db, caller.tenantId);
    const result = await call(caller, CREATE_CREDIT_NOTE, { invoiceId: invoice.id, reason: 'Refund' });
    expect(result.userErrors).toEqual([]);
    const rows = await rowsSince(caller.tenantId, before);
    expect(rows.map((row) => row.type)).toEqual(['invoicing.credit_note.issued']);
    expect(expectEvent(rows[0], caller.tenantId, 'invoicing.credit_note.issued', result.creditNote.id).data).toMatchObject({
      total: { amount: '100.00', currency: 'EUR' },
    });
  });

  it('is not recorded by a refused credit note', async () => {
    const caller = newCaller();
    const other = newCaller();
    const open = await sentInvoice(h.url, caller, randomUUID(), '100');
    const draft = await createDraft(h.url, caller, { contactId: randomUUID() });
    const voided = await sentInvoice(h.url, caller, randomUUID(), '10');
    expect((await call(caller, VOID_INVOICE, { invoiceId: voided.id })).userErrors).toEqual([]);
    const theirs = await sentInvoice(h.url, other, randomUUID(), '100');
    const before = await recordedEvents(h.db, caller.tenantId);
    const otherBefore = await recordedEvents(h.db, other.tenantId);
    const line = (unitPrice: string) => [{ description: 'Credit', quantity: '1', unitPrice }];
    const cases: [Caller, Record<string, unknown>, string[]][] = [
      [caller, { invoiceId: open.id, reason: 'Too much', lines: line('100.01') }, ['CREDIT_EXCEEDS_INVOICE']],
      [caller, { invoiceId: open.id, reason: 'Nothing', lines: line('0') }, ['INVALID_AMOUNT']],
      [caller, { invoiceId: open.id, reason: '  ', lines: line('1') }, ['INVALID_REASON']],
      [caller, { invoiceId: draft.id, reason: 'Draft' }, ['INVOICE_NOT_CREDITABLE']],
      [caller, { invoiceId: voided.id, reason: 'Void' }, ['INVOICE_NOT_CREDITABLE']],
      [caller, { invoiceId: UNKNOWN_ID, reason: 'Ghost' }, ['NOT_FOUND']],
      [caller, { invoiceId: theirs.id, reason: 'Theirs' }, ['NOT_FOUND']],
      [other, { invoiceId: open.id, reason: 'Mine' }, ['NOT_FOUND']],
    ];
    for (const [who, input, expected] of cases) {
      const payload = await call(who, CREATE_CREDIT_NOTE, input);
      expect(payload.creditNote, JSON.stringify(input)).toBeNull();
      expect(codesOf(payload), JSON.stringify(input)).toEqual(expected);
    }
    expect(await recordedEvents(h.db, caller.tenantId)).toEqual(before);
    expect(await recordedEvents(h.db, other.tenantId)).toEqual(otherBefore);
  });
});

describe('invoicing-deal-invoice (crm.deal.won -> DRAFT invoice)', () => {
  const handler = () => {
    const consumer = invoicingConsumers({ outbox: new Outbox('invoicing', TEST_NAMESPACE) }).find(
      (definition) => definition.type === 'crm.deal.won',
    );
    expect(consumer?.name).toBe('invoicing-deal-invoice');
    return consumer!;
  };

  function dealWon(tenantId: string, fields: { dealId?: string; contactId?: string; title?: string; amount?: string; currency?: string }) {
    return createEnvelope('crm', {
      type: 'crm.deal.won',
      tenantId,
      subjectId: fields.dealId ?? randomUUID(),
      data: {
        title: fields.title ?? 'Website redesign',
        contactId: fields.contactId ?? randomUUID(),
        ownerId: randomUUID(),
        amount: { amount: fields.amount ?? '1250.00', currency: fields.currency ?? 'EUR' },
        closedAt: new Date().toISOString(),
      },
    });
  }

  const handle = (tenantId: string, envelope: EventEnvelope) =>
    asTenant(h.db, tenantId, (tx) => handler().handle(tx, envelope as EventEnvelope<'crm.deal.won'>));

  /** The tenant's invoices of a deal, as the API lists them. */
  async function invoicesOfDeal(caller: Caller, dealId: string) {
    return expectData(await callSubgraph(h.url, caller, LIST_INVOICES, { filter: { dealId } })).invoices;
  }

  it('creates one DRAFT invoice for the deal’s contact and amount, linked to the deal, and records invoicing.invoice.created', async () => {
    const caller = newCaller();
    const contactId = randomUUID();
    const envelope = dealWon(caller.tenantId, { contactId, title: 'Website redesign', amount: '1250.00' });
    await handle(caller.tenantId, envelope);

    const listed = await invoicesOfDeal(caller, envelope.subjectId);
    expect(listed.totalCount).toBe(1);
    const invoice = await getInvoice(h.url, caller, listed.edges[0].node.id);
    expect(invoice).toMatchObject({
      status: 'DRAFT',
      number: null,
      currency: 'EUR',
      issuedAt: null,
      dueDate: null,
      contact: { id: contactId },
      deal: { id: envelope.subjectId },
      subtotal: { amount: '1250.00', currency: 'EUR' },
      taxTotal: { amount: '0.00', currency: 'EUR' },
      total: { amount: '1250.00', currency: 'EUR' },
      amountPaid: { amount: '0.00', currency: 'EUR' },
      amountDue: { amount: '1250.00', currency: 'EUR' },
      payments: [],
      creditNotes: [],
    });
    expect(invoice!.lines).toEqual([
      {
        id: expect.any(String),
        description: 'Deal: Website redesign',
        quantity: '1',
        taxRate: '0',
        unitPrice: { amount: '1250.00', currency: 'EUR' },
        net: { amount: '1250.00', currency: 'EUR' },
        tax: { amount: '0.00', currency: 'EUR' },
        total: { amount: '1250.00', currency: 'EUR' },
      },
    ]);

    const rows = await recordedEvents(h.db, caller.tenantId);
    expect(rows).toHaveLength(1);
    expect(expectEvent(rows[0], caller.tenantId, 'invoicing.invoice.created', invoice!.id).data).toEqual({
      contactId,
      dealId: envelope.subjectId,
      number: null,
      status: 'DRAFT',
      total: { amount: '1250.00', currency: 'EUR' },
      amountPaid: { amount: '0.00', currency: 'EUR' },
      amountDue: { amount: '1250.00', currency: 'EUR' },
      issuedAt: null,
      dueDate: null,
    });
    // The deal's invoice is what the federated Deal.invoice field resolves to.
    const entities = expectData(
      await resolveEntities(h.url, caller, [{ __typename: 'Deal', id: envelope.subjectId }], '... on Deal { invoice { id status } }'),
    );
    expect(entities._entities).toEqual([{ invoice: { id: invoice!.id, status: 'DRAFT' } }]);
  });

  it('rounds the totals to the currency’s minor unit (JPY 0 decimals, KWD 3)', async () => {
    const caller = newCaller();
    const cases = [
      { amount: '1250.00', currency: 'JPY', unitPrice: '1250', total: '1250' },
      { amount: '1234.5', currency: 'JPY', unitPrice: '1234.5', total: '1235' },
      { amount: '1.0005', currency: 'KWD', unitPrice: '1.0005', total: '1.001' },
      { amount: '10.005', currency: 'EUR', unitPrice: '10.005', total: '10.01' },
    ];
    for (const { amount, currency, unitPrice, total } of cases) {
      const envelope = dealWon(caller.tenantId, { amount, currency });
      await handle(caller.tenantId, envelope);
      const listed = await invoicesOfDeal(caller, envelope.subjectId);
      expect(listed.totalCount, `${amount} ${currency}`).toBe(1);
      const invoice = await getInvoice(h.url, caller, listed.edges[0].node.id);
      expect(invoice, `${amount} ${currency}`).toMatchObject({
        currency,
        subtotal: { amount: total, currency },
        total: { amount: total, currency },
        amountDue: { amount: total, currency },
        lines: [{ quantity: '1', unitPrice: { amount: unitPrice, currency }, net: { amount: total, currency } }],
      });
      const row = (await recordedEvents(h.db, caller.tenantId)).find((candidate) => candidate.subjectId === invoice!.id);
      expect(expectEvent(row, caller.tenantId, 'invoicing.invoice.created', invoice!.id).data, `${amount} ${currency}`).toMatchObject({
        total: { amount: total, currency },
        amountDue: { amount: total, currency },
      });
    }
    expect(await recordedEvents(h.db, caller.tenantId)).toHaveLength(cases.length);
  });

  it('cuts a description longer than invoicing accepts to 500 characters', async () => {
    const caller = newCaller();
    const envelope = dealWon(caller.tenantId, { title: 'x'.repeat(600) });
    await handle(caller.tenantId, envelope);
    const listed = await invoicesOfDeal(caller, envelope.subjectId);
    const invoice = await getInvoice(h.url, caller, listed.edges[0].node.id);
    expect(invoice!.lines[0].description).toBe(`Deal: ${'x'.repeat(494)}`);
  });

  it('creates nothing more when called again for the same deal (the same event, or another one)', async () => {
    const caller = newCaller();
    const envelope = dealWon(caller.tenantId, {});
    await handle(caller.tenantId, envelope);
    const rows = await recordedEvents(h.db, caller.tenantId);
    expect(rows).toHaveLength(1);
    await handle(caller.tenantId, envelope);
    await handle(caller.tenantId, dealWon(caller.tenantId, { dealId: envelope.subjectId, amount: '99.00' }));
    expect((await invoicesOfDeal(caller, envelope.subjectId)).totalCount).toBe(1);
    expect(expectData(await callSubgraph(h.url, caller, LIST_INVOICES, {})).invoices.totalCount).toBe(1);
    expect(await recordedEvents(h.db, caller.tenantId)).toEqual(rows);
  });

  it('creates nothing when an invoice for the deal already exists, even a void one', async () => {
    const caller = newCaller();
    const dealId = randomUUID();
    const manual = await send(h.url, caller, (await createDraft(h.url, caller, { contactId: randomUUID(), dealId })).id);
    expect((await call(caller, VOID_INVOICE, { invoiceId: manual.id })).userErrors).toEqual([]);
    const before = await recordedEvents(h.db, caller.tenantId);
    await handle(caller.tenantId, dealWon(caller.tenantId, { dealId }));
    expect((await invoicesOfDeal(caller, dealId)).totalCount).toBe(1);
    expect(await recordedEvents(h.db, caller.tenantId)).toEqual(before);
  });

  it('fails, creating nothing, for an amount invoicing cannot price (more than 4 decimals)', async () => {
    const caller = newCaller();
    const envelope = dealWon(caller.tenantId, { amount: '10.12345' });
    await expect(handle(caller.tenantId, envelope)).rejects.toThrow(/cannot be invoiced/);
    expect((await invoicesOfDeal(caller, envelope.subjectId)).totalCount).toBe(0);
    expect(await recordedEvents(h.db, caller.tenantId)).toEqual([]);
  });

  it('a deal of tenant A never creates anything visible to tenant B', async () => {
    const a = newCaller();
    const b = newCaller();
    const contactId = randomUUID();
    const envelope = dealWon(a.tenantId, { contactId });
    await handle(a.tenantId, envelope);
    expect((await invoicesOfDeal(a, envelope.subjectId)).totalCount).toBe(1);

    expect((await invoicesOfDeal(b, envelope.subjectId)).totalCount).toBe(0);
    expect(expectData(await callSubgraph(h.url, b, LIST_INVOICES, {})).invoices.totalCount).toBe(0);
    expect(await recordedEvents(h.db, b.tenantId)).toEqual([]);
    const seenByB = expectData(
      await resolveEntities(
        h.url,
        b,
        [
          { __typename: 'Deal', id: envelope.subjectId },
          { __typename: 'Contact', id: contactId },
        ],
        '... on Deal { invoice { id } } ... on Contact { invoices { id } }',
      ),
    );
    expect(seenByB._entities).toEqual([{ invoice: null }, { invoices: [] }]);

    // A's event handled in a transaction bound to B is refused by the database (row-level security).
    await expect(handle(b.tenantId, dealWon(a.tenantId, { contactId }))).rejects.toThrow();
    expect(expectData(await callSubgraph(h.url, b, LIST_INVOICES, {})).invoices.totalCount).toBe(0);
    expect(await recordedEvents(h.db, b.tenantId)).toEqual([]);
    expect(expectData(await callSubgraph(h.url, a, LIST_INVOICES, {})).invoices.totalCount).toBe(1);

    // A's invoice for the deal does not stop B's own event for that deal id: the check is per tenant.
    await handle(b.tenantId, dealWon(b.tenantId, { dealId: envelope.subjectId }));
    expect((await invoicesOfDeal(b, envelope.subjectId)).totalCount).toBe(1);
    expect((await invoicesOfDeal(a, envelope.subjectId)).totalCount).toBe(1);
    expect((await recordedEvents(h.db, a.tenantId)).map((row) => row.envelope.tenantId)).toEqual([a.tenantId]);
    expect((await recordedEvents(h.db, b.tenantId)).map((row) => row.envelope.tenantId)).toEqual([b.tenantId]);
  });
});

describe('invoicing-appointment-invoice and invoicing-order-invoice (booking and commerce -> DRAFT invoices)', () => {
  const consumers = () => invoicingConsumers({ outbox: new Outbox('invoicing', TEST_NAMESPACE) });
  const run = <T extends 'booking.appointment.completed' | 'commerce.order.placed'>(tenantId: string, envelope: EventEnvelope<T>) =>
    asTenant(h.db, tenantId, (tx) =>
      consumers()
        .find((c) => c.type === envelope.type)!
        .handle(tx, envelope as EventEnvelope),
    );
  const allInvoices = async (caller: Caller) => expectData(await callSubgraph(h.url, caller, LIST_INVOICES, {})).invoices;

  function completed(tenantId: string, contactId: string, appointmentId = randomUUID()) {
    return createEnvelope('booking', {
      type: 'booking.appointment.completed',
      tenantId,
      subjectId: appointmentId,
      data: {
        contactId,
        serviceId: randomUUID(),
        serviceName: 'Deep tissue massage',
        resourceId: randomUUID(),
        price: { amount: '85.50', currency: 'EUR' },
        startsAt: '2026-11-20T09:00:00.000Z',
        endsAt: '2026-11-20T10:00:00.000Z',
        status: 'COMPLETED',
        completedAt: '2026-11-20T10:05:00.000Z',
      },
    });
  }

  function placed(tenantId: string, contactId: string | null, orderId = randomUUID()) {
    const line = (sku: string, quantity: number, unit: string, total: string) => ({
      variantId: randomUUID(),
      sku,
      name: `Tee / ${sku}`,
      quantity,
      unitPrice: { amount: unit, currency: 'USD' },
      lineTotal: { amount: total, currency: 'USD' },
    });
    return createEnvelope('commerce', {
      type: 'commerce.order.placed',
      tenantId,
      subjectId: orderId,
      data: {
        contactId,
        number: 'ORD-000042',
        status: 'UNCONFIRMED',
        currency: 'USD',
        total: { amount: '64.97', currency: 'USD' },
        locationId: randomUUID(),
        lines: [line('TEE-M', 2, '19.99', '39.98'), line('CAP', 1, '24.99', '24.99')],
        placedAt: new Date().toISOString(),
      },
    });
  }

  it('a completed appointment becomes one DRAFT invoice for its contact at the service price, however often it is delivered', async () => {
    const caller = newCaller();
    const contactId = randomUUID();
    const event = completed(caller.tenantId, contactId);
    await run(caller.tenantId, event);
    await run(caller.tenantId, event);
    const listed = await allInvoices(caller);
    expect(listed.totalCount).toBe(1);
    const invoice = await getInvoice(h.url, caller, listed.edges[0].node.id);
    expect(invoice).toMatchObject({ status: 'DRAFT', contact: { id: contactId }, total: { amount: '85.50', currency: 'EUR' } });
    expect(invoice!.lines.map((l: { description: string }) => l.description)).toEqual(['Deep tissue massage (2026-11-20 09:00 UTC)']);
  });

  it('a placed order with a customer becomes one DRAFT invoice with its lines; one without a customer is not invoiced', async () => {
    const caller = newCaller();
    const contactId = randomUUID();
    const event = placed(caller.tenantId, contactId);
    await run(caller.tenantId, event);
    await run(caller.tenantId, event);
    await run(caller.tenantId, placed(caller.tenantId, null));
    const listed = await allInvoices(caller);
    expect(listed.totalCount).toBe(1);
    const invoice = await getInvoice(h.url, caller, listed.edges[0].node.id);
    expect(invoice).toMatchObject({ status: 'DRAFT', contact: { id: contactId }, total: { amount: '64.97', currency: 'USD' } });
    expect(invoice!.lines.map((l: { description: string; quantity: string }) => [l.description, l.quantity])).toEqual([
      ['ORD-000042: Tee / TEE-M (TEE-M)', '2'],
      ['ORD-000042: Tee / CAP (CAP)', '1'],
    ]);
    // Another tenant sees none of it.
    expect((await allInvoices(newCaller())).totalCount).toBe(0);
  });
});
