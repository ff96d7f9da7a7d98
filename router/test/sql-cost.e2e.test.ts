import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from './contract-operations.js';
import { gql, ok, startPlatform, type Platform } from './platform.js';

/**
 * What a cross-module page costs in SQL through the router: DataLoader batching makes it a fixed
 * number of statements, whatever the page size (no N+1). Data statements are counted apart from
 * transaction control (the tenant set_config and COMMIT of each tenant transaction).
 */
describe('SQL statements per request through the router', () => {
  let platform: Platform;
  let token: string;

  beforeAll(async () => {
    platform = await startPlatform({ countSql: true });
    const email = `owner-${randomUUID()}@example.com`;
    token = ok(
      await gql(platform.url, contract.SignUp, {
        input: { companyName: 'Counted', name: 'C', email, password: 'a long enough password' },
      }),
    ).signUp.token;
    for (let i = 0; i < 50; i += 1) {
      const contact = ok(
        await gql(platform.url, contract.CreateContact, { input: { name: `Contact ${i}`, companyName: `Company ${i % 5}` } }, token),
      ).createContact.contact;
      if (i % 2 === 0) {
        ok(
          await gql(
            platform.url,
            contract.CreateInvoice,
            { input: { contactId: contact.id, currency: 'USD', lines: [{ description: 'Work', quantity: '1', unitPrice: '10' }] } },
            token,
          ),
        );
      }
    }
  });
  afterAll(() => platform.stop());

  async function cost(query: string) {
    // Analytics is left out: it only applies this file's events, in the background, whatever we query.
    const counters = Object.entries(platform.sql).filter(([name]) => name !== 'analytics');
    // The modules' reference replicas apply the set-up's contact events in the background too: wait
    // until no module runs a statement for a while (bounded), so only the query is counted.
    const deadline = Date.now() + 20_000;
    for (;;) {
      for (const [, counter] of counters) counter.reset();
      await new Promise((resolve) => setTimeout(resolve, 300));
      if (counters.every(([, counter]) => counter.data === 0 && counter.control === 0)) break;
      if (Date.now() > deadline) throw new Error('the modules never went quiet');
    }
    // One request right before, so the tenant-access cache is warm: we measure the query, not the login.
    await gql(platform.url, '{ me { id } }', {}, token);
    for (const [, counter] of counters) counter.reset();
    const data = ok(await gql(platform.url, query, {}, token));
    const data_ = Object.fromEntries(counters.map(([name, counter]) => [name, counter.data]));
    const control = counters.reduce((sum, [, counter]) => sum + counter.control, 0);
    return { data, statements: data_, control };
  }

  it('contacts(first: 50) { edges { node { invoices { id } } } } costs 3 data statements for 50 contacts', async () => {
    const { data, statements, control } = await cost('{ contacts(first: 50) { edges { node { invoices { id } } } } }');
    expect(data.contacts.edges).toHaveLength(50);
    expect(data.contacts.edges.filter((edge: { node: { invoices: unknown[] } }) => edge.node.invoices.length === 1)).toHaveLength(25);
    // crm: the page and its count; invoicing: one batched query for all 50 contacts' invoices.
    // Every other module of the platform (whatever modules there are): none.
    const others = Object.entries(statements).filter(([name]) => name !== 'crm' && name !== 'invoicing');
    expect(others.length).toBeGreaterThan(0);
    expect({ crm: statements.crm, invoicing: statements.invoicing, others: others.filter(([, count]) => count !== 0) }).toEqual({
      crm: 2,
      invoicing: 1,
      others: [],
    });
    process.stdout.write(
      `sql: contacts(first: 50) { invoices } -> data statements ${JSON.stringify(statements)}, transaction control ${control}\n`,
    );
  });

  it('the customer-360 part that exists today costs a fixed number of statements too', async () => {
    const { statements } = await cost(
      '{ contacts(first: 50) { edges { node { name company { name } deals { id } outstandingBalance { amount } invoices(status: [SENT, PARTIALLY_PAID, OVERDUE]) { id amountDue { amount } } } } } }',
    );
    expect(statements.crm).toBeLessThanOrEqual(4);
    expect(statements.invoicing).toBeLessThanOrEqual(2);
    process.stdout.write(`sql: contacts(first: 50) with company, deals, balance, open invoices -> ${JSON.stringify(statements)}\n`);
  });
});
