import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asTenant, callSubgraph, codesOf, expectData, newCaller } from '../../../packages/testkit/src/index.js';
import {
  CREATE_INVOICE,
  createDraft,
  dayFromToday,
  getInvoice,
  pay,
  send,
  SEND_INVOICE,
  sentInvoice,
  startInvoicing,
  UPDATE_DRAFT,
  VOID_INVOICE,
  type Harness,
} from './harness.js';

let h: Harness;
const year = new Date().getUTCFullYear();

beforeAll(async () => {
  h = await startInvoicing();
});
afterAll(async () => {
  await h.stop();
});

// counted through the app role inside the tenant's own transaction, as the service sees them
const invoiceRows = (tenantId: string) => asTenant(h.db, tenantId, (tx) => tx.invoice.count({ where: { tenantId } }));

describe('createInvoice', () => {
  it('creates a DRAFT with exact server-computed totals and no number', async () => {
    const caller = newCaller();
    const contactId = randomUUID();
    const invoice = await createDraft(h.url, caller, {
      contactId,
      currency: 'EUR',
      lines: [
        { description: 'Widgets', quantity: '3', unitPrice: '0.335', taxRate: '19' },
        { description: 'Setup', quantity: '2.5', unitPrice: '10', taxRate: '7' },
        { description: 'Gift', quantity: '1', unitPrice: '0' },
      ],
    });
    expect(invoice).toMatchObject({
      status: 'DRAFT',
      number: null,
      currency: 'EUR',
      issuedAt: null,
      dueDate: null,
      contact: { id: contactId },
      deal: null,
      subtotal: { amount: '26.01', currency: 'EUR' },
      taxTotal: { amount: '1.94', currency: 'EUR' },
      total: { amount: '27.95', currency: 'EUR' },
      amountPaid: { amount: '0.00', currency: 'EUR' },
      amountDue: { amount: '27.95', currency: 'EUR' },
      payments: [],
    });
    expect(invoice.lines).toEqual([
      expect.objectContaining({
        description: 'Widgets',
        quantity: '3',
        taxRate: '19',
        unitPrice: { amount: '0.335', currency: 'EUR' },
        net: { amount: '1.01', currency: 'EUR' },
        tax: { amount: '0.19', currency: 'EUR' },
        total: { amount: '1.20', currency: 'EUR' },
      }),
      expect.objectContaining({
        description: 'Setup',
        quantity: '2.5',
        taxRate: '7',
        unitPrice: { amount: '10.00', currency: 'EUR' },
        net: { amount: '25.00', currency: 'EUR' },
        tax: { amount: '1.75', currency: 'EUR' },
      }),
      expect.objectContaining({
        description: 'Gift',
        taxRate: '0',
        net: { amount: '0.00', currency: 'EUR' },
        tax: { amount: '0.00', currency: 'EUR' },
      }),
    ]);
  });

  it('rounds to the currency minor unit: JPY without decimals, KWD with three', async () => {
    const caller = newCaller();
    const jpy = await createDraft(h.url, caller, {
      contactId: randomUUID(),
      currency: 'JPY',
      lines: [{ description: 'x', quantity: '3', unitPrice: '333.5', taxRate: '10' }],
    });
    expect([jpy.subtotal.amount, jpy.taxTotal.amount, jpy.total.amount]).toEqual(['1001', '100', '1101']);
    const kwd = await createDraft(h.url, caller, {
      contactId: randomUUID(),
      currency: 'KWD',
      lines: [{ description: 'x', quantity: '3', unitPrice: '0.3335', taxRate: '5' }],
    });
    expect([kwd.subtotal.amount, kwd.taxTotal.amount, kwd.total.amount]).toEqual(['1.001', '0.050', '1.051']);
  });

  it('accepts the contract operation and a deal, and normalises the currency code', async () => {
    const caller = newCaller();
    const dealId = randomUUID();
    const invoice = await createDraft(h.url, caller, { contactId: randomUUID(), currency: 'usd', dealId });
    expect(invoice.currency).toBe('USD');
    expect(invoice.deal).toEqual({ id: dealId });
  });

  it('reports every invalid field as a userError with its path and creates nothing', async () => {
    const caller = newCaller();
    const response = expectData(
      await callSubgraph(h.url, caller, CREATE_INVOICE, {
        input: {
          contactId: 'not-an-id',
          currency: 'EURO',
          lines: [
            { description: 'ok', quantity: '0', unitPrice: '-1', taxRate: '100.5' },
            { description: '', quantity: '1', unitPrice: '1', taxRate: '-1' },
          ],
        },
      }),
    );
    expect(response.createInvoice.invoice).toBeNull();
    expect(response.createInvoice.userErrors.map((e: any) => [e.code, e.field.join('.')])).toEqual([
      ['INVALID_ID', 'input.contactId'],
      ['INVALID_CURRENCY', 'input.currency'],
      ['INVALID_QUANTITY', 'input.lines.0.quantity'],
      ['INVALID_UNIT_PRICE', 'input.lines.0.unitPrice'],
      ['INVALID_TAX_RATE', 'input.lines.0.taxRate'],
      ['INVALID_DESCRIPTION', 'input.lines.1.description'],
      ['INVALID_TAX_RATE', 'input.lines.1.taxRate'],
    ]);
    const noLines = expectData(
      await callSubgraph(h.url, caller, CREATE_INVOICE, { input: { contactId: randomUUID(), currency: 'XYZ', lines: [] } }),
    );
    expect(noLines.createInvoice.userErrors.map((e: any) => [e.code, e.field.join('.')])).toEqual([
      ['INVALID_CURRENCY', 'input.currency'],
      ['LINES_REQUIRED', 'input.lines'],
    ]);
    expect(await invoiceRows(caller.tenantId)).toBe(0);
  });

  it('refuses a float-typed decimal at the scalar', async () => {
    const response = await callSubgraph(h.url, newCaller(), CREATE_INVOICE, {
      input: { contactId: randomUUID(), currency: 'EUR', lines: [{ description: 'x', quantity: 1.5, unitPrice: '1' }] },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('updateDraftInvoice', () => {
  it('replaces the lines and due date of a draft and recomputes totals', async () => {
    const caller = newCaller();
    const draft = await createDraft(h.url, caller, { contactId: randomUUID() });
    const data = expectData(
      await callSubgraph(h.url, caller, UPDATE_DRAFT, {
        input: {
          invoiceId: draft.id,
          dueDate: '2030-01-31',
          lines: [{ description: 'New', quantity: '2', unitPrice: '50.5', taxRate: '20' }],
        },
      }),
    );
    expect(data.updateDraftInvoice.userErrors).toEqual([]);
    expect(data.updateDraftInvoice.invoice).toMatchObject({ dueDate: '2030-01-31', total: { amount: '121.20' }, status: 'DRAFT' });
    expect(data.updateDraftInvoice.invoice.lines.map((l: any) => l.description)).toEqual(['New']);
    const cleared = expectData(await callSubgraph(h.url, caller, UPDATE_DRAFT, { input: { invoiceId: draft.id, dueDate: null } }));
    expect(cleared.updateDraftInvoice.invoice).toMatchObject({ dueDate: null, total: { amount: '121.20' } });
  });

  it('refuses a sent invoice (INVOICE_NOT_DRAFT) and invalid lines, changing nothing', async () => {
    const caller = newCaller();
    const draft = await createDraft(h.url, caller, { contactId: randomUUID() });
    const invalid = expectData(await callSubgraph(h.url, caller, UPDATE_DRAFT, { input: { invoiceId: draft.id, lines: [] } }));
    expect(codesOf(invalid.updateDraftInvoice)).toEqual(['LINES_REQUIRED']);
    const sent = await send(h.url, caller, draft.id);
    const refused = expectData(
      await callSubgraph(h.url, caller, UPDATE_DRAFT, {
        input: { invoiceId: draft.id, dueDate: '2031-01-01', lines: [{ description: 'x', quantity: '1', unitPrice: '1' }] },
      }),
    );
    expect(refused.updateDraftInvoice).toMatchObject({
      invoice: null,
      userErrors: [{ code: 'INVOICE_NOT_DRAFT', field: ['input', 'invoiceId'] }],
    });
    const after = await getInvoice(h.url, caller, draft.id);
    expect(after).toMatchObject({
      dueDate: sent.dueDate,
      total: { amount: '100.00' },
      lines: [expect.objectContaining({ description: 'Consulting' })],
    });
  });
});

describe('sendInvoice', () => {
  it('numbers the invoice INV-<year>-0001, stamps issuedAt and defaults the due date to +30 days', async () => {
    const caller = newCaller();
    const before = Date.now();
    const first = await send(h.url, caller, (await createDraft(h.url, caller, { contactId: randomUUID() })).id);
    expect(first).toMatchObject({ status: 'SENT', number: `INV-${year}-0001`, dueDate: dayFromToday(30) });
    expect(new Date(first.issuedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const second = await send(h.url, caller, (await createDraft(h.url, caller, { contactId: randomUUID(), dueDate: '2031-05-01' })).id);
    expect(second).toMatchObject({ number: `INV-${year}-0002`, dueDate: '2031-05-01' });
  });

  it('refuses to send a non-draft (INVOICE_NOT_DRAFT) and leaves the number and sequence alone', async () => {
    const caller = newCaller();
    const sent = await sentInvoice(h.url, caller, randomUUID());
    const again = expectData(await callSubgraph(h.url, caller, SEND_INVOICE, { input: { invoiceId: sent.id } }));
    expect(again.sendInvoice).toMatchObject({ invoice: null, userErrors: [{ code: 'INVOICE_NOT_DRAFT' }] });
    expect((await getInvoice(h.url, caller, sent.id))?.number).toBe(`INV-${year}-0001`);
    const next = await sentInvoice(h.url, caller, randomUUID());
    expect(next.number).toBe(`INV-${year}-0002`);
  });

  it('reports an unknown invoice as NOT_FOUND', async () => {
    const data = expectData(await callSubgraph(h.url, newCaller(), SEND_INVOICE, { input: { invoiceId: randomUUID() } }));
    expect(codesOf(data.sendInvoice)).toEqual(['NOT_FOUND']);
  });

  it('settles an invoice with nothing to pay at once', async () => {
    const caller = newCaller();
    const free = await send(
      h.url,
      caller,
      (await createDraft(h.url, caller, { contactId: randomUUID(), lines: [{ description: 'free', quantity: '1', unitPrice: '0' }] })).id,
    );
    expect(free).toMatchObject({ status: 'PAID', amountDue: { amount: '0.00' } });
    expect(free.paidAt).not.toBeNull();
  });
});

describe('recordPayment', () => {
  it('moves SENT -> PARTIALLY_PAID -> PAID and lists the payments', async () => {
    const caller = newCaller();
    const invoice = await sentInvoice(h.url, caller, randomUUID(), '100');
    const first = await pay(h.url, caller, invoice.id, '30.50', 'EUR', 'bank transfer');
    expect(first.userErrors).toEqual([]);
    expect(first.payment).toMatchObject({ amount: { amount: '30.50', currency: 'EUR' }, method: 'bank transfer' });
    expect(first.invoice).toMatchObject({
      status: 'PARTIALLY_PAID',
      amountPaid: { amount: '30.50' },
      amountDue: { amount: '69.50' },
      paidAt: null,
    });
    const second = await pay(h.url, caller, invoice.id, '69.5');
    expect(second.invoice).toMatchObject({ status: 'PAID', amountPaid: { amount: '100.00' }, amountDue: { amount: '0.00' } });
    expect(second.invoice?.paidAt).not.toBeNull();
    const read = await getInvoice(h.url, caller, invoice.id);
    expect(read?.payments.map((p: any) => [p.amount.amount, p.method])).toEqual([
      ['30.50', 'bank transfer'],
      ['69.50', null],
    ]);
  });

  it('refuses payments on DRAFT and VOID invoices, currency mismatches, non-positive amounts and overpayments, changing nothing', async () => {
    const caller = newCaller();
    const draft = await createDraft(h.url, caller, { contactId: randomUUID() });
    expect(codesOf(await pay(h.url, caller, draft.id, '10'))).toEqual(['INVOICE_NOT_PAYABLE']);

    const voided = await sentInvoice(h.url, caller, randomUUID());
    expect(expectData(await callSubgraph(h.url, caller, VOID_INVOICE, { input: { invoiceId: voided.id } })).voidInvoice.userErrors).toEqual(
      [],
    );
    expect(codesOf(await pay(h.url, caller, voided.id, '10'))).toEqual(['INVOICE_NOT_PAYABLE']);

    const invoice = await sentInvoice(h.url, caller, randomUUID(), '100');
    const mismatch = await pay(h.url, caller, invoice.id, '10', 'USD');
    expect(mismatch).toMatchObject({
      invoice: null,
      payment: null,
      userErrors: [{ code: 'CURRENCY_MISMATCH', field: ['input', 'amount', 'currency'] }],
    });
    expect(codesOf(await pay(h.url, caller, invoice.id, '0'))).toEqual(['INVALID_AMOUNT']);
    expect(codesOf(await pay(h.url, caller, invoice.id, '-5'))).toEqual(['INVALID_AMOUNT']);
    expect(codesOf(await pay(h.url, caller, invoice.id, '10.001'))).toEqual(['INVALID_AMOUNT']);
    expect(codesOf(await pay(h.url, caller, invoice.id, '100.01'))).toEqual(['OVERPAYMENT']);
    expect(codesOf(await pay(h.url, caller, randomUUID(), '1'))).toEqual(['NOT_FOUND']);

    const unchanged = await getInvoice(h.url, caller, invoice.id);
    expect(unchanged).toMatchObject({ status: 'SENT', amountPaid: { amount: '0.00' }, amountDue: { amount: '100.00' }, payments: [] });
    expect((await getInvoice(h.url, caller, draft.id))?.payments).toEqual([]);

    expect((await pay(h.url, caller, invoice.id, '100')).invoice?.status).toBe('PAID');
    expect(codesOf(await pay(h.url, caller, invoice.id, '0.01'))).toEqual(['OVERPAYMENT']);
  });
});

describe('voidInvoice', () => {
  it('voids a SENT invoice without payments and refuses drafts, paid-into and void invoices', async () => {
    const caller = newCaller();
    const sent = await sentInvoice(h.url, caller, randomUUID());
    const voided = expectData(await callSubgraph(h.url, caller, VOID_INVOICE, { input: { invoiceId: sent.id } })).voidInvoice;
    expect(voided.invoice).toMatchObject({ status: 'VOID', number: sent.number });
    expect(voided.invoice.voidedAt).not.toBeNull();

    const again = expectData(await callSubgraph(h.url, caller, VOID_INVOICE, { input: { invoiceId: sent.id } })).voidInvoice;
    expect(codesOf(again)).toEqual(['INVOICE_NOT_VOIDABLE']);
    const draft = await createDraft(h.url, caller, { contactId: randomUUID() });
    expect(codesOf(expectData(await callSubgraph(h.url, caller, VOID_INVOICE, { input: { invoiceId: draft.id } })).voidInvoice)).toEqual([
      'INVOICE_NOT_VOIDABLE',
    ]);
    const partly = await sentInvoice(h.url, caller, randomUUID());
    await pay(h.url, caller, partly.id, '1');
    expect(codesOf(expectData(await callSubgraph(h.url, caller, VOID_INVOICE, { input: { invoiceId: partly.id } })).voidInvoice)).toEqual([
      'INVOICE_NOT_VOIDABLE',
    ]);
    expect((await getInvoice(h.url, caller, partly.id))?.status).toBe('PARTIALLY_PAID');
    expect((await getInvoice(h.url, caller, draft.id))?.status).toBe('DRAFT');
  });
});

describe('OVERDUE', () => {
  it('is derived for SENT and PARTIALLY_PAID invoices due before today, and filterable', async () => {
    const caller = newCaller();
    const contactId = randomUUID();
    const overdue = await sentInvoice(h.url, caller, contactId, '100', 'EUR', dayFromToday(-1));
    const partlyOverdue = await sentInvoice(h.url, caller, contactId, '100', 'EUR', dayFromToday(-10));
    await pay(h.url, caller, partlyOverdue.id, '40');
    const dueToday = await sentInvoice(h.url, caller, contactId, '100', 'EUR', dayFromToday(0));
    const paidLate = await sentInvoice(h.url, caller, contactId, '100', 'EUR', dayFromToday(-5));
    await pay(h.url, caller, paidLate.id, '100');
    const pastDraft = await createDraft(h.url, caller, { contactId, dueDate: dayFromToday(-3) });

    expect(overdue.status).toBe('OVERDUE');
    expect((await getInvoice(h.url, caller, partlyOverdue.id))?.status).toBe('OVERDUE');
    expect((await getInvoice(h.url, caller, dueToday.id))?.status).toBe('SENT');
    expect((await getInvoice(h.url, caller, paidLate.id))?.status).toBe('PAID');
    expect((await getInvoice(h.url, caller, pastDraft.id))?.status).toBe('DRAFT');

    // still payable while overdue
    expect((await pay(h.url, caller, overdue.id, '10')).invoice?.status).toBe('OVERDUE');
  });
});
