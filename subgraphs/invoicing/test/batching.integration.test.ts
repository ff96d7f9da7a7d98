import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callSubgraph, expectData, newCaller, resolveEntities } from '../../../packages/testkit/src/index.js';
import { createDraft, pay, send, startInvoicing, type Harness, type Invoice } from './harness.js';

/**
 * What one request costs in SQL data statements (transaction control and the tenant set_config are
 * counted apart): every entity reference and list-per-parent field is one query per plan step.
 */
let h: Harness;
const caller = newCaller({ currency: 'EUR' });
const contacts = Array.from({ length: 100 }, () => randomUUID());
const deals = Array.from({ length: 100 }, () => randomUUID());
let invoices: Invoice[] = [];

beforeAll(async () => {
  h = await startInvoicing();
  invoices = await Promise.all(contacts.map((contactId, i) => createDraft(h.url, caller, { contactId, dealId: deals[i]! })));
  await Promise.all(
    invoices.slice(0, 30).map(async (invoice) => {
      await send(h.url, caller, invoice.id);
      await pay(h.url, caller, invoice.id, '10');
    }),
  );
});
afterAll(async () => {
  await h.stop();
});

/** Runs `request` and returns its data statements. */
async function dataStatements(request: () => Promise<unknown>): Promise<number> {
  h.sql.reset();
  await request();
  return h.sql.data;
}

describe('DataLoader batching (SQL statements per request)', () => {
  it('_entities for 100 Contact representations selecting invoices { id } costs exactly 1 data statement', async () => {
    let data: any;
    const statements = await dataStatements(async () => {
      data = expectData(
        await resolveEntities(
          h.url,
          caller,
          contacts.map((id) => ({ __typename: 'Contact', id })),
          '... on Contact { invoices { id } }',
        ),
      );
    });
    expect(statements).toBe(1);
    expect(data._entities).toHaveLength(100);
    expect(data._entities.map((c: any) => c.invoices[0].id)).toEqual(invoices.map((i) => i.id));
  });

  it('the dashboard selection for 100 contacts costs 2 (invoices with a status filter + balances)', async () => {
    const selection = `... on Contact { id outstandingBalance { amount currency } outstandingBalances { amount currency }
      invoices(status: [SENT, PARTIALLY_PAID, OVERDUE]) { id number status amountDue { amount currency } dueDate } }`;
    let data: any;
    const statements = await dataStatements(async () => {
      data = expectData(
        await resolveEntities(
          h.url,
          caller,
          contacts.map((id) => ({ __typename: 'Contact', id })),
          selection,
        ),
      );
    });
    expect(statements).toBe(2);
    expect(data._entities[0]).toMatchObject({
      outstandingBalance: { amount: '90.00', currency: 'EUR' },
      invoices: [{ status: 'PARTIALLY_PAID' }],
    });
    expect(data._entities[99]).toMatchObject({ outstandingBalance: { amount: '0.00' }, invoices: [] });
  });

  it('two different status filters cost one statement each', async () => {
    const statements = await dataStatements(async () => {
      expectData(
        await resolveEntities(
          h.url,
          caller,
          contacts.map((id) => ({ __typename: 'Contact', id })),
          '... on Contact { drafts: invoices(status: [DRAFT]) { id } open: invoices(status: [SENT, PARTIALLY_PAID]) { id } }',
        ),
      );
    });
    expect(statements).toBe(2);
  });

  it('100 Invoice references with lines, payments and credit notes cost 4', async () => {
    let data: any;
    const statements = await dataStatements(async () => {
      data = expectData(
        await resolveEntities(
          h.url,
          caller,
          invoices.map((i) => ({ __typename: 'Invoice', id: i.id })),
          '... on Invoice { id lines { description net { amount } } payments { amount { amount } } creditNotes { id } }',
        ),
      );
    });
    expect(statements).toBe(4);
    expect(data._entities[0].payments).toEqual([{ amount: { amount: '10.00' } }]);
    expect(data._entities[99].lines).toEqual([{ description: 'Consulting', net: { amount: '100.00' } }]);
  });

  it('100 Deal references selecting invoice cost 1', async () => {
    let data: any;
    const statements = await dataStatements(async () => {
      data = expectData(
        await resolveEntities(
          h.url,
          caller,
          deals.map((id) => ({ __typename: 'Deal', id })),
          '... on Deal { id invoice { id status } }',
        ),
      );
    });
    expect(statements).toBe(1);
    expect(data._entities.map((d: any) => d.invoice.id)).toEqual(invoices.map((i) => i.id));
  });

  it('a page of 100 invoices with lines and payments costs 4 (page, count, lines, payments)', async () => {
    const statements = await dataStatements(async () => {
      const data = expectData(
        await callSubgraph(
          h.url,
          caller,
          '{ invoices(first: 100) { totalCount edges { node { id status lines { id } payments { id } total { amount } contact { id } deal { id } } } } }',
        ),
      );
      expect(data.invoices.edges).toHaveLength(100);
    });
    expect(statements).toBe(4);
  });

  it('state changes cost a handful of statements in one transaction', async () => {
    const contactId = randomUUID();
    const create = await dataStatements(() => createDraft(h.url, caller, { contactId }));
    let id = '';
    h.sql.reset();
    const draft = expectData(
      await callSubgraph(h.url, caller, 'mutation($i: CreateInvoiceInput!) { createInvoice(input: $i) { invoice { id } } }', {
        i: { contactId, currency: 'EUR', lines: [{ description: 'x', quantity: '1', unitPrice: '10' }] },
      }),
    );
    id = draft.createInvoice.invoice.id;
    const createOnly = h.sql.data;
    const sendCost = await dataStatements(() =>
      callSubgraph(h.url, caller, 'mutation($i: SendInvoiceInput!) { sendInvoice(input: $i) { invoice { id number } } }', {
        i: { invoiceId: id },
      }),
    );
    const payCost = await dataStatements(() =>
      callSubgraph(h.url, caller, 'mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { invoice { id status } } }', {
        i: { invoiceId: id, amount: { amount: '1', currency: 'EUR' } },
      }),
    );
    // create: the contact's reference check + INSERT invoice + INSERT lines; send: lock + read + sequence upsert + UPDATE; pay: lock + read + INSERT payment + UPDATE;
    // each also INSERTs its event into the outbox (a part payment records payment_recorded only)
    expect({ createOnly, sendCost, payCost }).toEqual({ createOnly: 4, sendCost: 5, payCost: 5 });
    expect(create).toBeGreaterThan(createOnly); // the full selection adds lines, payments, credit notes
  });
});
