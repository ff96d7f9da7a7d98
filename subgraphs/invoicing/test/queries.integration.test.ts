import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callSubgraph, expectData, newCaller, resolveEntities } from '../../../packages/testkit/src/index.js';
import { createDraft, dayFromToday, LIST_INVOICES, pay, sentInvoice, startInvoicing, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startInvoicing();
});
afterAll(async () => {
  await h.stop();
});

const CONTRACT_INVOICES = `query Invoices($first: Int, $after: String, $status: [InvoiceStatus!]) {
  invoices(first: $first, after: $after, filter: { status: $status }) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id number status total { amount currency } contact { id } } } } }`;

const list = async (caller: ReturnType<typeof newCaller>, variables: Record<string, unknown>) =>
  expectData(await callSubgraph(h.url, caller, LIST_INVOICES, variables)).invoices;

describe('invoices connection', () => {
  it('pages through the tenant invoices oldest first with cursors and a total count', async () => {
    const caller = newCaller();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createDraft(h.url, caller, { contactId: randomUUID() })).id);
    const page1 = await list(caller, { first: 2 });
    expect(page1.totalCount).toBe(5);
    expect(page1.edges.map((e: any) => e.node.id)).toEqual(ids.slice(0, 2));
    expect(page1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, endCursor: page1.edges[1].cursor });
    const page3 = await list(caller, {
      first: 2,
      after: (await list(caller, { first: 2, after: page1.pageInfo.endCursor })).pageInfo.endCursor,
    });
    expect(page3.edges.map((e: any) => e.node.id)).toEqual(ids.slice(4));
    expect(page3.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const tooMany = await callSubgraph(h.url, caller, LIST_INVOICES, { first: 101 });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('filters by status (OVERDUE derived) and contact, and validates the contract operation', async () => {
    const caller = newCaller();
    const alice = randomUUID();
    const bob = randomUUID();
    const draft = await createDraft(h.url, caller, { contactId: alice });
    const sent = await sentInvoice(h.url, caller, alice, '10', 'EUR', dayFromToday(5));
    const overdue = await sentInvoice(h.url, caller, bob, '20', 'EUR', dayFromToday(-2));
    const partial = await sentInvoice(h.url, caller, bob, '30');
    await pay(h.url, caller, partial.id, '5');
    const ids = async (status: string[] | null, contactId?: string) =>
      (await list(caller, { filter: { status, ...(contactId ? { contactId } : {}) } })).edges.map((e: any) => e.node.id);
    expect(await ids(['DRAFT'])).toEqual([draft.id]);
    expect(await ids(['SENT'])).toEqual([sent.id]);
    expect(await ids(['OVERDUE'])).toEqual([overdue.id]);
    expect(await ids(['SENT', 'PARTIALLY_PAID', 'OVERDUE'])).toEqual([sent.id, overdue.id, partial.id]);
    expect(await ids(null, bob)).toEqual([overdue.id, partial.id]);
    expect(await ids(['PARTIALLY_PAID'], alice)).toEqual([]);
    expect(await ids(null, 'not-a-uuid')).toEqual([]);

    const contract = expectData(await callSubgraph(h.url, caller, CONTRACT_INVOICES, { first: 10, status: ['OVERDUE'] })).invoices;
    expect(contract).toEqual({
      totalCount: 1,
      pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
      edges: [
        {
          node: {
            id: overdue.id,
            number: overdue.number,
            status: 'OVERDUE',
            total: { amount: '20.00', currency: 'EUR' },
            contact: { id: bob },
          },
        },
      ],
    });
  });

  it('returns null for unknown and malformed ids', async () => {
    const caller = newCaller();
    const data = expectData(
      await callSubgraph(
        h.url,
        caller,
        'query { a: invoice(id: "nope") { id } b: invoice(id: "0190b1a0-0000-7000-8000-000000000000") { id } }',
      ),
    );
    expect(data).toEqual({ a: null, b: null });
  });
});

describe('federation: Contact and Deal', () => {
  it('extends Contact with invoices (status filter, OVERDUE included) and outstanding balances', async () => {
    const caller = newCaller({ currency: 'EUR' });
    const contactId = randomUUID();
    const other = randomUUID();
    await createDraft(h.url, caller, { contactId });
    const sent = await sentInvoice(h.url, caller, contactId, '100.10', 'EUR', dayFromToday(10));
    const overdue = await sentInvoice(h.url, caller, contactId, '50', 'EUR', dayFromToday(-1));
    const partial = await sentInvoice(h.url, caller, contactId, '40');
    await pay(h.url, caller, partial.id, '15.55');
    const paid = await sentInvoice(h.url, caller, contactId, '999');
    await pay(h.url, caller, paid.id, '999');
    const usd = await sentInvoice(h.url, caller, contactId, '7', 'USD');
    const jpy = await sentInvoice(h.url, caller, contactId, '1200', 'JPY');
    await sentInvoice(h.url, caller, other, '1');

    const dashboard = `... on Contact { id outstandingBalance { amount currency } outstandingBalances { amount currency }
      invoices(status: [SENT, PARTIALLY_PAID, OVERDUE]) { id number status amountDue { amount currency } dueDate } }`;
    const data = expectData(await resolveEntities(h.url, caller, [{ __typename: 'Contact', id: contactId }], dashboard));
    const contact = data._entities[0]!;
    // 100.10 + 50 + 24.45 in EUR
    expect(contact.outstandingBalance).toEqual({ amount: '174.55', currency: 'EUR' });
    expect(contact.outstandingBalances).toEqual([
      { amount: '174.55', currency: 'EUR' },
      { amount: '1200', currency: 'JPY' },
      { amount: '7.00', currency: 'USD' },
    ]);
    expect(contact.invoices.map((i: any) => [i.id, i.status])).toEqual([
      [jpy.id, 'SENT'],
      [usd.id, 'SENT'],
      [partial.id, 'PARTIALLY_PAID'],
      [overdue.id, 'OVERDUE'],
      [sent.id, 'SENT'],
    ]);
    expect(contact.invoices[3]).toMatchObject({
      amountDue: { amount: '50.00', currency: 'EUR' },
      dueDate: dayFromToday(-1),
      number: overdue.number,
    });

    const all = expectData(
      await resolveEntities(h.url, caller, [{ __typename: 'Contact', id: contactId }], '... on Contact { invoices { id } }'),
    );
    expect(all._entities[0]!.invoices).toHaveLength(7);
    const none = expectData(
      await resolveEntities(
        h.url,
        newCaller({ currency: 'GBP' }),
        [{ __typename: 'Contact', id: contactId }],
        '... on Contact { outstandingBalance { amount currency } outstandingBalances { amount } invoices { id } }',
      ),
    );
    expect(none._entities[0]).toEqual({ outstandingBalance: { amount: '0.00', currency: 'GBP' }, outstandingBalances: [], invoices: [] });
  });

  it('extends Deal with its latest non-void invoice', async () => {
    const caller = newCaller();
    const dealId = randomUUID();
    const older = await createDraft(h.url, caller, { contactId: randomUUID(), dealId });
    const newer = await sentInvoice(h.url, caller, randomUUID());
    const dealInvoice = await createDraft(h.url, caller, {
      contactId: randomUUID(),
      dealId,
      lines: [{ description: 'Deal', quantity: '1', unitPrice: '5000' }],
    });
    expect(newer.deal).toBeNull();
    const selection = '... on Deal { id invoice { id status number total { amount currency } } }';
    const data = expectData(
      await resolveEntities(
        h.url,
        caller,
        [
          { __typename: 'Deal', id: dealId },
          { __typename: 'Deal', id: randomUUID() },
        ],
        selection,
      ),
    );
    expect(data._entities).toEqual([
      { id: dealId, invoice: { id: dealInvoice.id, status: 'DRAFT', number: null, total: { amount: '5000.00', currency: 'EUR' } } },
      { id: expect.any(String), invoice: null },
    ]);
    // voiding the latest falls back to the older one
    const sent = await callSubgraph(h.url, caller, 'mutation($i: SendInvoiceInput!) { sendInvoice(input: $i) { invoice { id } } }', {
      i: { invoiceId: dealInvoice.id },
    });
    expectData(sent);
    expectData(
      await callSubgraph(h.url, caller, 'mutation($i: VoidInvoiceInput!) { voidInvoice(input: $i) { userErrors { code } } }', {
        i: { invoiceId: dealInvoice.id },
      }),
    );
    const after = expectData(await resolveEntities(h.url, caller, [{ __typename: 'Deal', id: dealId }], '... on Deal { invoice { id } }'));
    expect(after._entities[0]!.invoice).toEqual({ id: older.id });
  });

  it('resolves Invoice references, returning null for unknown ids', async () => {
    const caller = newCaller();
    const a = await createDraft(h.url, caller, { contactId: randomUUID() });
    const data = expectData(
      await resolveEntities(
        h.url,
        caller,
        [
          { __typename: 'Invoice', id: a.id },
          { __typename: 'Invoice', id: randomUUID() },
        ],
        '... on Invoice { id total { amount } }',
      ),
    );
    expect(data._entities).toEqual([{ id: a.id, total: { amount: '100.00' } }, null]);
  });
});
