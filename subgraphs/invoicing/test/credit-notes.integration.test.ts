import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callSubgraph, codesOf, expectData, newCaller, resolveEntities } from '../../../packages/testkit/src/index.js';
import { CREATE_CREDIT_NOTE, createDraft, getInvoice, pay, send, sentInvoice, startInvoicing, type Harness } from './harness.js';

let h: Harness;
const year = new Date().getUTCFullYear();

beforeAll(async () => {
  h = await startInvoicing();
});
afterAll(async () => {
  await h.stop();
});

const credit = async (caller: ReturnType<typeof newCaller>, input: Record<string, unknown>) =>
  expectData(await callSubgraph(h.url, caller, CREATE_CREDIT_NOTE, { input })).createCreditNote;

describe('createCreditNote', () => {
  it('issues a numbered credit note for given lines, linked to the invoice, reducing what is due', async () => {
    const caller = newCaller();
    const contactId = randomUUID();
    const invoice = await send(
      h.url,
      caller,
      (await createDraft(h.url, caller, { contactId, lines: [{ description: 'Hours', quantity: '10', unitPrice: '100', taxRate: '19' }] }))
        .id,
    );
    expect(invoice.total.amount).toBe('1190.00');
    const result = await credit(caller, {
      invoiceId: invoice.id,
      reason: 'Two hours not worked',
      lines: [{ description: 'Hours', quantity: '2', unitPrice: '100', taxRate: '19' }],
    });
    expect(result.userErrors).toEqual([]);
    expect(result.creditNote).toMatchObject({
      number: `CN-${year}-0001`,
      reason: 'Two hours not worked',
      currency: 'EUR',
      contact: { id: contactId },
      invoice: { id: invoice.id },
      subtotal: { amount: '200.00' },
      taxTotal: { amount: '38.00' },
      total: { amount: '238.00' },
      lines: [
        {
          description: 'Hours',
          quantity: '2',
          taxRate: '19',
          unitPrice: { amount: '100.00', currency: 'EUR' },
          net: { amount: '200.00', currency: 'EUR' },
          tax: { amount: '38.00', currency: 'EUR' },
        },
      ],
    });
    expect(result.invoice).toMatchObject({
      status: 'SENT',
      number: invoice.number,
      total: { amount: '1190.00' },
      amountCredited: { amount: '238.00' },
      amountDue: { amount: '952.00' },
      creditNotes: [{ id: result.creditNote.id, number: `CN-${year}-0001` }],
    });
    // the invoice itself is unchanged: credit notes, not edits
    expect((await getInvoice(h.url, caller, invoice.id))?.lines).toEqual(invoice.lines);
    // a credit note is not an invoice, and has its own entity
    expect(await getInvoice(h.url, caller, result.creditNote.id)).toBeNull();
    const entities = expectData(
      await resolveEntities(
        h.url,
        caller,
        [{ __typename: 'CreditNote', id: result.creditNote.id }],
        '... on CreditNote { id number total { amount } }',
      ),
    );
    expect(entities._entities).toEqual([{ id: result.creditNote.id, number: `CN-${year}-0001`, total: { amount: '238.00' } }]);
    const byQuery = expectData(
      await callSubgraph(h.url, caller, 'query($id: ID!) { creditNote(id: $id) { id number invoice { number } } }', {
        id: result.creditNote.id,
      }),
    );
    expect(byQuery.creditNote).toEqual({ id: result.creditNote.id, number: `CN-${year}-0001`, invoice: { number: invoice.number } });
    // payments are capped by the reduced balance
    expect(codesOf(await pay(h.url, caller, invoice.id, '952.01'))).toEqual(['OVERPAYMENT']);
    expect((await pay(h.url, caller, invoice.id, '952')).invoice).toMatchObject({ status: 'PAID', amountDue: { amount: '0.00' } });
  });

  it('credits every line when none are given; a fully credited open invoice is settled', async () => {
    const caller = newCaller();
    const invoice = await sentInvoice(h.url, caller, randomUUID(), '80');
    await pay(h.url, caller, invoice.id, '30');
    const result = await credit(caller, { invoiceId: invoice.id, reason: 'Cancelled order' });
    expect(result.creditNote).toMatchObject({
      number: `CN-${year}-0001`,
      total: { amount: '80.00' },
      lines: [{ description: 'Work', quantity: '1' }],
    });
    expect(result.invoice).toMatchObject({
      status: 'PAID',
      amountPaid: { amount: '30.00' },
      amountCredited: { amount: '80.00' },
      amountDue: { amount: '0.00' },
    });
    // nothing left to credit
    const more = await credit(caller, {
      invoiceId: invoice.id,
      reason: 'again',
      lines: [{ description: 'x', quantity: '1', unitPrice: '0.01' }],
    });
    expect(codesOf(more)).toEqual(['CREDIT_EXCEEDS_INVOICE']);
  });

  it('credits a PAID invoice, numbering credit notes from their own sequence', async () => {
    const caller = newCaller();
    const first = await sentInvoice(h.url, caller, randomUUID(), '50');
    await pay(h.url, caller, first.id, '50');
    const note = await credit(caller, {
      invoiceId: first.id,
      reason: 'Goodwill',
      lines: [{ description: 'Discount', quantity: '1', unitPrice: '5' }],
    });
    expect(note.creditNote.number).toBe(`CN-${year}-0001`);
    expect(note.invoice).toMatchObject({ status: 'PAID', amountCredited: { amount: '5.00' }, amountDue: { amount: '0.00' } });
    const second = await sentInvoice(h.url, caller, randomUUID(), '50');
    expect(second.number).toBe(`INV-${year}-0002`);
    const note2 = await credit(caller, {
      invoiceId: second.id,
      reason: 'Goodwill',
      lines: [{ description: 'Discount', quantity: '1', unitPrice: '5' }],
    });
    expect(note2.creditNote.number).toBe(`CN-${year}-0002`);
  });

  it('refuses drafts, void invoices, excess credit, empty reasons and invalid lines, changing nothing', async () => {
    const caller = newCaller();
    const draft = await createDraft(h.url, caller, { contactId: randomUUID() });
    expect(codesOf(await credit(caller, { invoiceId: draft.id, reason: 'x' }))).toEqual(['INVOICE_NOT_CREDITABLE']);
    const invoice = await sentInvoice(h.url, caller, randomUUID(), '100');
    const excess = await credit(caller, {
      invoiceId: invoice.id,
      reason: 'x',
      lines: [{ description: 'x', quantity: '1', unitPrice: '100.01' }],
    });
    expect(excess).toMatchObject({
      creditNote: null,
      invoice: null,
      userErrors: [{ code: 'CREDIT_EXCEEDS_INVOICE', field: ['input', 'lines'] }],
    });
    expect(codesOf(await credit(caller, { invoiceId: invoice.id, reason: '  ' }))).toEqual(['INVALID_REASON']);
    expect(
      codesOf(await credit(caller, { invoiceId: invoice.id, reason: 'x', lines: [{ description: 'x', quantity: '-1', unitPrice: '1' }] })),
    ).toEqual(['INVALID_QUANTITY']);
    expect(
      codesOf(await credit(caller, { invoiceId: invoice.id, reason: 'x', lines: [{ description: 'x', quantity: '1', unitPrice: '0' }] })),
    ).toEqual(['INVALID_AMOUNT']);
    expect(await getInvoice(h.url, caller, invoice.id)).toMatchObject({
      status: 'SENT',
      amountCredited: { amount: '0.00' },
      creditNotes: [],
    });
    // no number was consumed by the refusals
    const ok = await credit(caller, { invoiceId: invoice.id, reason: 'x', lines: [{ description: 'x', quantity: '1', unitPrice: '1' }] });
    expect(ok.creditNote.number).toBe(`CN-${year}-0001`);
    // an invoice with a credit note can no longer be voided
    const voided = expectData(
      await callSubgraph(h.url, caller, 'mutation($input: VoidInvoiceInput!) { voidInvoice(input: $input) { userErrors { code } } }', {
        input: { invoiceId: invoice.id },
      }),
    );
    expect(codesOf(voided.voidInvoice)).toEqual(['INVOICE_NOT_VOIDABLE']);
  });
});
