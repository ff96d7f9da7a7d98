import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { ownerConfig } from '@tessera/prisma';
import { contract } from './contract-operations.js';
import { gql, ok, startPlatform, type Platform } from './platform.js';

let platform: Platform;
let url: string;

beforeAll(async () => {
  platform = await startPlatform();
  url = platform.url;
});
afterAll(() => platform.stop());

/** One operation to the router of this file's platform. */
function gqlAt(query: string, variables?: Record<string, unknown>, token?: string) {
  return gql(url, query, variables, token);
}

describe('contract through the router', () => {
  let a: Awaited<ReturnType<typeof signUpAt>>;
  let b: Awaited<ReturnType<typeof signUpAt>>;

  async function signUpAt(plan: 'FREE' | 'BUSINESS') {
    const email = `owner-${randomUUID()}@example.com`;
    const data = ok(
      await gqlAt(contract.SignUp, {
        input: { companyName: `Tenant ${plan}`, name: 'Olga Owner', email, password: 'a long enough password', plan },
      }),
    );
    expect(data.signUp.userErrors).toEqual([]);
    return {
      token: data.signUp.token as string,
      tenantId: data.signUp.tenant.id as string,
      userId: data.signUp.user.id as string,
      email,
      payload: data.signUp,
    };
  }

  beforeAll(async () => {
    a = await signUpAt('BUSINESS');
    b = await signUpAt('FREE');
  });

  it('1. auth: sign-up returns a token, tenant and owner; login and me work; everything else needs a token', async () => {
    expect(a.payload.tenant).toMatchObject({
      plan: 'BUSINESS',
      enabledModules: expect.arrayContaining(['CRM', 'INVOICING', 'HR', 'FLEET']),
    });
    expect(b.payload.tenant.enabledModules).toEqual(['CRM', 'INVOICING', 'BOOKING']);
    expect(a.payload.user).toMatchObject({ email: a.email, role: 'OWNER' });

    const login = ok(await gqlAt(contract.Login, { input: { email: a.email, password: 'a long enough password' } }));
    expect(login.login.user.id).toBe(a.userId);
    const me = ok(await gqlAt(contract.Me, {}, login.login.token));
    expect(me.me).toMatchObject({
      id: a.userId,
      role: 'OWNER',
      tenant: { id: a.tenantId, plan: 'BUSINESS', branding: { displayName: 'Tenant BUSINESS', primaryColor: '#4f46e5', logoUrl: null } },
    });

    const anonymous = await gqlAt(contract.Me);
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const garbage = await gqlAt(contract.Contacts, { first: 5 }, 'not-a-token');
    expect(garbage.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(garbage.data ?? null).toBeNull();
    const badLogin = ok(await gqlAt(contract.Login, { input: { email: a.email, password: 'wrong password!' } }));
    expect(badLogin.login).toMatchObject({ token: null, userErrors: [{ code: 'INVALID_CREDENTIALS' }] });
  });

  it('CRM: contacts with companies, search and pagination; deals won', async () => {
    const created = ok(
      await gqlAt(
        contract.CreateContact,
        { input: { name: 'Grace Hopper', email: 'Grace@Navy.example', companyName: 'US Navy' } },
        a.token,
      ),
    );
    expect(created.createContact.userErrors).toEqual([]);
    const grace = created.createContact.contact;
    expect(grace).toMatchObject({ name: 'Grace Hopper', email: 'grace@navy.example', company: { name: 'US Navy' } });
    for (let i = 0; i < 4; i += 1) ok(await gqlAt(contract.CreateContact, { input: { name: `Contact ${i}` } }, a.token));

    const page1 = ok(await gqlAt(contract.Contacts, { first: 2 }, a.token)).contacts;
    expect(page1.totalCount).toBe(5);
    expect(page1.edges).toHaveLength(2);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = ok(await gqlAt(contract.Contacts, { first: 10, after: page1.pageInfo.endCursor }, a.token)).contacts;
    expect(page2.edges).toHaveLength(3);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    const ids = [...page1.edges, ...page2.edges].map((edge: { node: { id: string } }) => edge.node.id);
    expect(new Set(ids).size).toBe(5);
    const search = ok(await gqlAt(contract.Contacts, { first: 10, search: 'navy' }, a.token)).contacts;
    expect(search.edges.map((edge: { node: { name: string } }) => edge.node.name)).toEqual(['Grace Hopper']);
    const tooMany = await gqlAt(contract.Contacts, { first: 101 }, a.token);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const deal = ok(
      await gqlAt(
        contract.CreateDeal,
        { input: { title: 'Compiler licence', contactId: grace.id, amount: { amount: '12500.00', currency: 'EUR' } } },
        a.token,
      ),
    ).createDeal;
    expect(deal.userErrors).toEqual([]);
    expect(deal.deal).toMatchObject({
      title: 'Compiler licence',
      stage: 'LEAD',
      amount: { amount: '12500.00', currency: 'EUR' },
      contact: { id: grace.id, name: 'Grace Hopper' },
      owner: null,
    });
    const won = ok(await gqlAt(contract.MarkDealWon, { input: { dealId: deal.deal.id } }, a.token)).markDealWon;
    expect(won.deal).toMatchObject({ id: deal.deal.id, stage: 'WON', closedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    const again = ok(await gqlAt(contract.MarkDealWon, { input: { dealId: deal.deal.id } }, a.token)).markDealWon;
    expect(again.userErrors[0].code).toBe('DEAL_CLOSED');
    const withInvoice = ok(await gqlAt(contract.DealWithInvoice, { id: deal.deal.id }, a.token));
    expect(withInvoice.deal).toMatchObject({ id: deal.deal.id, stage: 'WON' });

    // Tenant B sees none of it, by any path.
    expect(ok(await gqlAt(contract.Contacts, { first: 50 }, b.token)).contacts.totalCount).toBe(0);
    expect(ok(await gqlAt(contract.Contacts, { first: 50, search: 'Grace' }, b.token)).contacts.edges).toEqual([]);
    expect(ok(await gqlAt(contract.DealWithInvoice, { id: deal.deal.id }, b.token)).deal).toBeNull();
    const foreignDeal = ok(
      await gqlAt(
        contract.CreateDeal,
        { input: { title: 'Steal', contactId: grace.id, amount: { amount: '1.00', currency: 'EUR' } } },
        b.token,
      ),
    ).createDeal;
    expect(foreignDeal.deal).toBeNull();
    expect(foreignDeal.userErrors[0].code).toBe('NOT_FOUND');
    const foreignWon = ok(await gqlAt(contract.MarkDealWon, { input: { dealId: deal.deal.id } }, b.token)).markDealWon;
    expect(foreignWon.userErrors[0].code).toBe('NOT_FOUND');
  });

  it('4. invoicing: server-side totals, gap-free numbers on send, payments, and nothing changes on a refused payment', async () => {
    const contact = ok(await gqlAt(contract.CreateContact, { input: { name: 'Ada Lovelace' } }, a.token)).createContact.contact;
    const lines = [
      { description: 'Analytical engine design', quantity: '3', unitPrice: '0.35', taxRate: '19' },
      { description: 'Punch cards', quantity: '2.5', unitPrice: '49.99' },
    ];
    const created = ok(
      await gqlAt(contract.CreateInvoice, { input: { contactId: contact.id, currency: 'EUR', lines } }, a.token),
    ).createInvoice;
    expect(created.userErrors).toEqual([]);
    // net 1.05, tax 0.1995 -> 0.20 (half-up); net 124.975 -> 124.98, tax 0: total 126.23
    expect(created.invoice).toMatchObject({
      status: 'DRAFT',
      number: null,
      total: { amount: '126.23', currency: 'EUR' },
      contact: { id: contact.id, name: 'Ada Lovelace' },
    });
    expect(
      created.invoice.lines.map((line: any) => [
        line.description,
        Number(line.quantity),
        Number(line.unitPrice.amount),
        line.unitPrice.currency,
      ]),
    ).toEqual([
      ['Analytical engine design', 3, 0.35, 'EUR'],
      ['Punch cards', 2.5, 49.99, 'EUR'],
    ]);

    const draftPayment = ok(
      await gqlAt(
        contract.RecordPayment,
        { input: { invoiceId: created.invoice.id, amount: { amount: '10.00', currency: 'EUR' } } },
        a.token,
      ),
    ).recordPayment;
    expect(draftPayment.userErrors[0].code).toBe('INVOICE_NOT_PAYABLE');

    const year = new Date().getUTCFullYear();
    const sent = ok(await gqlAt(contract.SendInvoice, { input: { invoiceId: created.invoice.id } }, a.token)).sendInvoice;
    expect(sent.invoice).toMatchObject({
      status: 'SENT',
      number: `INV-${year}-0001`,
      issuedAt: expect.any(String),
      dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    const second = ok(
      await gqlAt(
        contract.CreateInvoice,
        { input: { contactId: contact.id, currency: 'EUR', lines: [{ description: 'Support', quantity: '1', unitPrice: '100' }] } },
        a.token,
      ),
    ).createInvoice;
    expect(ok(await gqlAt(contract.SendInvoice, { input: { invoiceId: second.invoice.id } }, a.token)).sendInvoice.invoice.number).toBe(
      `INV-${year}-0002`,
    );

    const over = ok(
      await gqlAt(
        contract.RecordPayment,
        { input: { invoiceId: created.invoice.id, amount: { amount: '126.24', currency: 'EUR' } } },
        a.token,
      ),
    ).recordPayment;
    expect(over.userErrors[0].code).toBe('OVERPAYMENT');
    const partial = ok(
      await gqlAt(
        contract.RecordPayment,
        { input: { invoiceId: created.invoice.id, amount: { amount: '100.00', currency: 'EUR' } } },
        a.token,
      ),
    ).recordPayment;
    expect(partial.invoice).toMatchObject({
      status: 'PARTIALLY_PAID',
      amountDue: { amount: '26.23', currency: 'EUR' },
      total: { amount: '126.23' },
    });
    const rest = ok(
      await gqlAt(
        contract.RecordPayment,
        { input: { invoiceId: created.invoice.id, amount: { amount: '26.23', currency: 'EUR' }, method: 'card' } },
        a.token,
      ),
    ).recordPayment;
    expect(rest.invoice).toMatchObject({ status: 'PAID', amountDue: { amount: '0.00', currency: 'EUR' } });

    const paid = ok(await gqlAt(contract.Invoices, { first: 10, status: ['PAID'] }, a.token)).invoices;
    expect(paid.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([created.invoice.id]);
    expect(paid.edges[0].node.contact).toEqual({ id: contact.id, name: 'Ada Lovelace' });

    // Tenant B: its own sequence starts at 0001, and A's invoices do not exist for it.
    const bContact = ok(await gqlAt(contract.CreateContact, { input: { name: 'Bob' } }, b.token)).createContact.contact;
    const bInvoice = ok(
      await gqlAt(
        contract.CreateInvoice,
        { input: { contactId: bContact.id, currency: 'USD', lines: [{ description: 'Fix', quantity: '1', unitPrice: '10' }] } },
        b.token,
      ),
    ).createInvoice;
    expect(ok(await gqlAt(contract.SendInvoice, { input: { invoiceId: bInvoice.invoice.id } }, b.token)).sendInvoice.invoice.number).toBe(
      `INV-${year}-0001`,
    );
    expect(ok(await gqlAt(contract.Invoices, { first: 50 }, b.token)).invoices.totalCount).toBe(1);
    const foreignPayment = ok(
      await gqlAt(
        contract.RecordPayment,
        { input: { invoiceId: second.invoice.id, amount: { amount: '1.00', currency: 'EUR' } } },
        b.token,
      ),
    ).recordPayment;
    expect(foreignPayment.userErrors[0].code).toBe('NOT_FOUND');
    const foreignSend = ok(await gqlAt(contract.SendInvoice, { input: { invoiceId: second.invoice.id } }, b.token)).sendInvoice;
    expect(foreignSend.userErrors[0].code).toBe('NOT_FOUND');
  });

  it('2. plan entitlements: a field of a module the tenant has not enabled fails with MODULE_NOT_ENABLED', async () => {
    const c = await signUpAt('FREE');
    const owner = new pg.Client(ownerConfig('identity'));
    await owner.connect();
    try {
      await owner.query('BEGIN');
      await owner.query(`SELECT set_config('tessera.tenant_id', $1, true)`, [c.tenantId]);
      await owner.query(`UPDATE tenants SET enabled_modules = '{CRM}' WHERE id = $1`, [c.tenantId]);
      await owner.query('COMMIT');
    } finally {
      await owner.end();
    }
    const invoices = await gqlAt(contract.Invoices, { first: 5 }, c.token);
    expect(invoices.errors?.[0]?.extensions).toMatchObject({ code: 'MODULE_NOT_ENABLED', module: 'INVOICING' });
    expect(invoices.data ?? null).toBeNull();
    // Below the root, a disabled module's fields are refused where they would be fetched: the CRM data
    // answers, the invoicing field is null with the error, and invoicing is never asked.
    const created = ok(await gqlAt(contract.CreateContact, { input: { name: 'Only CRM' } }, c.token)).createContact;
    const nested = await gqlAt('query { contacts(first: 5) { edges { node { id invoices { id } } } } }', {}, c.token);
    expect(nested.errors?.[0]?.extensions).toMatchObject({ code: 'MODULE_NOT_ENABLED', module: 'INVOICING' });
    expect(nested.data?.contacts.edges).toEqual([{ node: { id: created.contact.id, invoices: null } }]);
    // The contract's CreateDeal selects owner { name } (HR): with no owner there is nothing to fetch, so it works.
    const dealOfC = ok(
      await gqlAt(
        contract.CreateDeal,
        { input: { title: 'No HR needed', contactId: created.contact.id, amount: { amount: '10.00', currency: 'EUR' } } },
        c.token,
      ),
    ).createDeal;
    expect(dealOfC).toMatchObject({ userErrors: [], deal: { owner: null } });
    const hire = await gqlAt(contract.HireEmployee, { input: { name: 'Nope', email: 'nope@example.com' } }, c.token);
    expect(hire.errors?.[0]?.extensions).toMatchObject({ code: 'MODULE_NOT_ENABLED', module: 'HR' });
    expect(ok(await gqlAt(contract.Me, {}, c.token)).me.tenant.enabledModules).toEqual(['CRM']);
  });

  it('internal errors and the internal tenantAccess field never reach clients', async () => {
    const hidden = await gqlAt('{ tenantAccess { plan } }', {}, a.token);
    expect(hidden.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const deep = await gqlAt(
      `{ me { tenant { id } } contacts(first: 1) { edges { node { ${'company { contacts { '.repeat(8)} id ${'} } '.repeat(8)} } } } }`,
      {},
      a.token,
    );
    expect(deep.errors?.[0]?.message ?? '').toMatch(/depth|Cannot query field/);
  });
});
