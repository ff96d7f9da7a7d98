/**
 * The cross-module workflows of the contract (behaviours 3 and 4), through the router, carried by
 * the real event backbone: CRM's outbox -> JetStream -> invoicing's and payroll's consumers, and
 * invoicing's outbox -> payroll. Also: a consumer that is down while 500 deals are won catches up
 * with exactly 500 invoices and 500 commissions, and one tenant's events never touch another's data.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from './contract-operations.js';
import { gql, ok, startPlatform, type Platform } from './platform.js';

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform.stop());

interface Tenant {
  token: string;
  tenantId: string;
}

async function signUp(plan: 'FREE' | 'BUSINESS' = 'BUSINESS'): Promise<Tenant> {
  const data = ok(
    await gql(platform.url, contract.SignUp, {
      input: {
        companyName: `Workflow ${plan}`,
        name: 'Wanda Owner',
        email: `owner-${randomUUID()}@example.com`,
        password: 'a long enough password',
        plan,
      },
    }),
  );
  return { token: data.signUp.token, tenantId: data.signUp.tenant.id };
}

function call(tenant: Tenant, query: string, variables: Record<string, unknown> = {}) {
  return gql(platform.url, query, variables, tenant.token).then(ok<any>);
}

/** Polls `read` until `done(value)`; returns the value (fails with the last value after the timeout). */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

async function hire(tenant: Tenant, name: string): Promise<string> {
  const { hireEmployee } = await call(tenant, contract.HireEmployee, {
    input: {
      name,
      email: `${name.toLowerCase().replace(/\W+/g, '.')}.${randomUUID().slice(0, 6)}@example.com`,
      jobTitle: 'Account executive',
    },
  });
  expect(hireEmployee.userErrors).toEqual([]);
  return hireEmployee.employee.id;
}

async function contact(tenant: Tenant, name: string): Promise<string> {
  const { createContact } = await call(tenant, contract.CreateContact, { input: { name, companyName: `${name} Ltd` } });
  return createContact.contact.id;
}

async function deal(tenant: Tenant, contactId: string, ownerId: string | null, amount: string, currency = 'EUR') {
  const { createDeal } = await call(tenant, contract.CreateDeal, {
    input: { title: `Deal ${randomUUID().slice(0, 8)}`, contactId, ownerId, amount: { amount, currency }, stage: 'NEGOTIATION' },
  });
  expect(createDeal.userErrors).toEqual([]);
  return createDeal.deal;
}

const winDeal = (tenant: Tenant, dealId: string) => call(tenant, contract.MarkDealWon, { input: { dealId } });

describe('deal won -> draft invoice + accrued commission; invoice paid -> commission payable (contract 3 and 4)', () => {
  it('runs end to end through the router, within seconds, without any further call', async () => {
    const tenant = await signUp();
    const ownerId = await hire(tenant, 'Sam Seller');
    const contactId = await contact(tenant, 'Clara Client');
    const created = await deal(tenant, contactId, ownerId, '12500.00');
    // The deal's owner is HR's employee, resolved across modules.
    expect(created.owner).toEqual({ id: ownerId, name: 'Sam Seller' });

    const won = await winDeal(tenant, created.id);
    expect(won.markDealWon).toMatchObject({ deal: { id: created.id, stage: 'WON' }, userErrors: [] });

    const withInvoice = await eventually(
      () => call(tenant, contract.DealWithInvoice, { id: created.id }),
      (data) => data.deal.invoice !== null,
    );
    const invoice = withInvoice.deal.invoice;
    expect(invoice).toMatchObject({ status: 'DRAFT', number: null, total: { amount: '12500.00', currency: 'EUR' } });
    const invoices = await call(tenant, `query($id: ID!) { contact(id: $id) { invoices { id status } } }`, { id: contactId });
    expect(invoices.contact.invoices).toEqual([{ id: invoice.id, status: 'DRAFT' }]);

    const accrued = await eventually(
      () => call(tenant, contract.EmployeeCommissions, { id: ownerId }),
      (data) => data.employee.commissions.length > 0,
    );
    expect(accrued.employee).toMatchObject({
      id: ownerId,
      name: 'Sam Seller',
      commissions: [{ status: 'ACCRUED', amount: { amount: '1250.00', currency: 'EUR' }, deal: { id: created.id, title: created.title } }],
    });

    // Invoice lifecycle: send, a partial payment (commission stays ACCRUED), then the rest (PAYABLE).
    const sent = await call(tenant, contract.SendInvoice, { input: { invoiceId: invoice.id } });
    expect(sent.sendInvoice.invoice.number).toMatch(/^INV-\d{4}-0001$/);
    const part = await call(tenant, contract.RecordPayment, {
      input: { invoiceId: invoice.id, amount: { amount: '2500.00', currency: 'EUR' } },
    });
    expect(part.recordPayment.invoice.status).toBe('PARTIALLY_PAID');
    const rest = await call(tenant, contract.RecordPayment, {
      input: { invoiceId: invoice.id, amount: { amount: '10000.00', currency: 'EUR' } },
    });
    expect(rest.recordPayment.invoice).toMatchObject({ status: 'PAID', amountDue: { amount: '0.00', currency: 'EUR' } });

    const payable = await eventually(
      () => call(tenant, contract.EmployeeCommissions, { id: ownerId }),
      (data) => data.employee.commissions[0]?.status === 'PAYABLE',
    );
    expect(payable.employee.commissions).toHaveLength(1);
  });

  it('a deal without an owner gets its invoice and no commission; a lost deal gets neither', async () => {
    const tenant = await signUp();
    const contactId = await contact(tenant, 'Nora Nobody');
    const unowned = await deal(tenant, contactId, null, '300.00', 'USD');
    const lost = await deal(tenant, contactId, null, '999.00', 'USD');
    await winDeal(tenant, unowned.id);
    await call(tenant, `mutation($input: MarkDealLostInput!) { markDealLost(input: $input) { deal { stage } } }`, {
      input: { dealId: lost.id, reason: 'Budget cut' },
    });
    await eventually(
      () => call(tenant, contract.DealWithInvoice, { id: unowned.id }),
      (data) => data.deal.invoice !== null,
    );
    // Let everything behind settle, then nothing more appeared.
    await platform.events.invoicing.relay!.idle();
    const after = await call(tenant, `{ invoices(first: 10) { totalCount } commissions(first: 10) { totalCount } }`);
    expect(after).toEqual({ invoices: { totalCount: 1 }, commissions: { totalCount: 0 } });
    expect((await call(tenant, contract.DealWithInvoice, { id: lost.id })).deal.invoice).toBeNull();
  });

  it("one tenant's events never act on another tenant's data", async () => {
    const a = await signUp();
    const b = await signUp();
    const ownerA = await hire(a, 'Alma A');
    const contactA = await contact(a, 'Client of A');
    const dealA = await deal(a, contactA, ownerA, '1000.00');
    await winDeal(a, dealA.id);
    await eventually(
      () => call(a, contract.EmployeeCommissions, { id: ownerA }),
      (data) => data.employee.commissions.length === 1,
    );
    // B sees none of it, by any path: lists, the deal, the employee's commissions.
    const seenByB = await call(
      b,
      `{ invoices(first: 10) { totalCount } commissions(first: 10) { totalCount } deals(first: 10) { totalCount } }`,
    );
    expect(seenByB).toEqual({ invoices: { totalCount: 0 }, commissions: { totalCount: 0 }, deals: { totalCount: 0 } });
    expect((await call(b, contract.DealWithInvoice, { id: dealA.id })).deal).toBeNull();
    expect((await call(b, contract.EmployeeCommissions, { id: ownerA })).employee).toBeNull();
  });
});

describe('catch-up', () => {
  it(
    'invoicing and payroll down while 500 deals are won: on restart, 500 invoices and 500 commissions, no duplicates',
    { timeout: 240_000 },
    async () => {
      const tenant = await signUp();
      const ownerId = await hire(tenant, 'Paula Prolific');
      const contactId = await contact(tenant, 'Bulk Buyer');
      await platform.stopEvents('invoicing');
      await platform.stopEvents('payroll');

      const deals: string[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < 500) {
            next += 1;
            const created = await deal(tenant, contactId, ownerId, '100.00');
            const won = await winDeal(tenant, created.id);
            expect(won.markDealWon.userErrors).toEqual([]);
            deals.push(created.id);
          }
        }),
      );
      expect(deals).toHaveLength(500);
      // Nothing happened while the consumers were down.
      expect(await call(tenant, `{ invoices(first: 1) { totalCount } }`)).toEqual({ invoices: { totalCount: 0 } });

      const restarted = Date.now();
      await platform.startEvents('invoicing');
      await platform.startEvents('payroll');
      const counts = await eventually(
        () => call(tenant, `{ invoices(first: 1) { totalCount } commissions(first: 1) { totalCount } }`),
        (data) => data.invoices.totalCount >= 500 && data.commissions.totalCount >= 500,
        120_000,
      );
      expect(counts).toEqual({ invoices: { totalCount: 500 }, commissions: { totalCount: 500 } });
      process.stdout.write(
        `catch-up: 500 deal.won events -> 500 invoices + 500 commissions in ${Date.now() - restarted} ms after restart\n`,
      );

      // Every deal has exactly its own invoice (checked through the graph, 25 aliases at a time: the router's limit is 30).
      const invoiced = new Set<string>();
      for (let i = 0; i < deals.length; i += 25) {
        const ids = deals.slice(i, i + 25);
        const query = `query { ${ids.map((id, n) => `d${n}: deal(id: "${id}") { id invoice { id total { amount } } }`).join(' ')} }`;
        const data = await call(tenant, query);
        for (const value of Object.values<any>(data)) {
          expect(value.invoice.total.amount).toBe('100.00');
          invoiced.add(value.invoice.id);
        }
      }
      expect(invoiced.size).toBe(500);
    },
  );
});
