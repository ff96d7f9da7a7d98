import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anonymousCaller,
  asTenant,
  callSubgraph,
  codesOf,
  expectData,
  newCaller,
  resolveEntities,
} from '../../../packages/testkit/src/index.js';
import {
  CREATE_CREDIT_NOTE,
  createDraft,
  getInvoice,
  GET_INVOICE,
  LIST_INVOICES,
  pay,
  SEND_INVOICE,
  sentInvoice,
  startInvoicing,
  UPDATE_DRAFT,
  VOID_INVOICE,
  type Harness,
} from './harness.js';

let h: Harness;
const a = newCaller();
const b = newCaller();
const contactId = randomUUID();
const dealId = randomUUID();
let draftA: Record<string, any>;
let sentA: Record<string, any>;

beforeAll(async () => {
  h = await startInvoicing();
  draftA = await createDraft(h.url, a, { contactId, dealId });
  sentA = await sentInvoice(h.url, a, contactId, '100');
});
afterAll(async () => {
  await h.stop();
});

describe('tenant isolation', () => {
  it('B cannot read A’s invoices by id, list, _entities, Contact.invoices, balances or Deal.invoice', async () => {
    expect(await getInvoice(h.url, b, sentA.id)).toBeNull();
    const listed = expectData(await callSubgraph(h.url, b, LIST_INVOICES, { filter: { contactId } })).invoices;
    expect(listed).toMatchObject({ totalCount: 0, edges: [] });
    expect(expectData(await callSubgraph(h.url, b, LIST_INVOICES, {})).invoices.totalCount).toBe(0);
    const entities = expectData(
      await resolveEntities(
        h.url,
        b,
        [
          { __typename: 'Invoice', id: sentA.id },
          { __typename: 'Contact', id: contactId },
          { __typename: 'Deal', id: dealId },
        ],
        '... on Invoice { id } ... on Contact { invoices { id } outstandingBalance { amount } outstandingBalances { amount } } ... on Deal { invoice { id } }',
      ),
    );
    expect(entities._entities).toEqual([
      null,
      { invoices: [], outstandingBalance: { amount: '0.00' }, outstandingBalances: [] },
      { invoice: null },
    ]);
    // A sees its own through the same paths
    const own = expectData(
      await resolveEntities(
        h.url,
        a,
        [
          { __typename: 'Contact', id: contactId },
          { __typename: 'Deal', id: dealId },
        ],
        '... on Contact { invoices { id } } ... on Deal { invoice { id } }',
      ),
    );
    expect(own._entities).toEqual([{ invoices: [{ id: sentA.id }, { id: draftA.id }] }, { invoice: { id: draftA.id } }]);
  });

  it('B cannot update, send, pay, void or credit A’s invoices, and nothing of A changes', async () => {
    const update = expectData(
      await callSubgraph(h.url, b, UPDATE_DRAFT, { input: { invoiceId: draftA.id, dueDate: '2030-01-01' } }),
    ).updateDraftInvoice;
    expect(codesOf(update)).toEqual(['NOT_FOUND']);
    const sent = expectData(await callSubgraph(h.url, b, SEND_INVOICE, { input: { invoiceId: draftA.id } })).sendInvoice;
    expect(codesOf(sent)).toEqual(['NOT_FOUND']);
    expect(codesOf(await pay(h.url, b, sentA.id, '10'))).toEqual(['NOT_FOUND']);
    const voided = expectData(await callSubgraph(h.url, b, VOID_INVOICE, { input: { invoiceId: sentA.id } })).voidInvoice;
    expect(codesOf(voided)).toEqual(['NOT_FOUND']);
    const credited = expectData(
      await callSubgraph(h.url, b, CREATE_CREDIT_NOTE, { input: { invoiceId: sentA.id, reason: 'x' } }),
    ).createCreditNote;
    expect(codesOf(credited)).toEqual(['NOT_FOUND']);

    expect(await getInvoice(h.url, a, draftA.id)).toMatchObject({ status: 'DRAFT', dueDate: null, number: null });
    expect(await getInvoice(h.url, a, sentA.id)).toMatchObject({
      status: 'SENT',
      amountPaid: { amount: '0.00' },
      creditNotes: [],
      payments: [],
    });
    // B's own sequence is untouched by A
    expect((await sentInvoice(h.url, b, randomUUID())).number).toBe(`INV-${new Date().getUTCFullYear()}-0001`);
  });

  it('the database refuses cross-tenant rows even if a query forgot its filter (row-level security)', async () => {
    const rows = await asTenant(h.db, b.tenantId, (tx) => tx.invoice.findMany({ where: { id: sentA.id } }));
    expect(rows).toEqual([]);
    const noTenant = await h.db.invoice.findMany({ where: { id: sentA.id } });
    expect(noTenant).toEqual([]);
    await expect(
      asTenant(h.db, b.tenantId, (tx) =>
        tx.payment.create({ data: { tenantId: a.tenantId, invoiceId: sentA.id, amount: '1', currency: 'EUR' } }),
      ),
    ).rejects.toThrow();
  });
});

describe('authentication', () => {
  it('answers 401 without a signed context, and refuses a forged one', async () => {
    const unsigned = await callSubgraph(h.url, null, GET_INVOICE, { id: sentA.id });
    expect(unsigned.status).toBe(401);
    expect(unsigned.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await fetch(h.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tessera-context': 'eyJ0ZW5hbnRJZCI6IngifQ.forged' },
      body: JSON.stringify({ query: '{ invoices { totalCount } }' }),
    });
    expect(forged.status).toBe(401);
  });

  it('refuses a signed context without a tenant on every field', async () => {
    const response = await callSubgraph(h.url, anonymousCaller(), LIST_INVOICES, {});
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.data ?? null).toBeNull();
    const entities = await resolveEntities(
      h.url,
      anonymousCaller(),
      [{ __typename: 'Contact', id: contactId }],
      '... on Contact { invoices { id } }',
    );
    expect(entities.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('pooled connections', () => {
  it('a connection reused right after tenant A’s request carries nothing into B’s or into a bare query', async () => {
    const pooled = await startInvoicing({ poolMax: 1 });
    try {
      const own = await getInvoice(pooled.url, a, sentA.id);
      expect(own?.id).toBe(sentA.id);
      expect(await getInvoice(pooled.url, b, sentA.id)).toBeNull();
      expect(expectData(await callSubgraph(pooled.url, b, LIST_INVOICES, {})).invoices.edges.map((e: any) => e.node.id)).not.toContain(
        sentA.id,
      );
      const setting = await pooled.db.$queryRaw<{ tenant: string | null }[]>`SELECT current_setting('tessera.tenant_id', true) AS tenant`;
      expect(setting[0]?.tenant ?? '').toBe('');
      expect(await pooled.db.invoice.count()).toBe(0);
    } finally {
      await pooled.stop();
    }
  });
});
