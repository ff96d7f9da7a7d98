/**
 * The e2e suite runs the compact topology (every module in the router's process, called in-process);
 * this is the smoke run of the other one: every module on a port of its own, the router calling each
 * over HTTP, as compose and Kubernetes run them. A workflow across modules and the events between
 * them, the customer 360 across five modules, and readiness.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from './contract-operations.js';
import { gql, ok, startPlatform, type Platform } from './platform.js';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({ topology: 'http' });
});
afterAll(() => platform.stop());

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

describe('the http topology (every module on its own port)', () => {
  it('listens on a port per module, each answering /ready, and the router calls them over HTTP', async () => {
    expect(platform.topology).toBe('http');
    for (const [name, subgraph] of Object.entries(platform.subgraphs)) {
      expect(subgraph.url, name).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
      // Readiness is a probe an orchestrator repeats: right after a start on a loaded machine a module
      // may still be opening its connections.
      const status = await eventually(
        async () => (await fetch(subgraph.url!.replace(/\/graphql$/, '/ready'))).status,
        (code) => code === 200,
      ).catch(() => 503);
      expect(status, name).toBe(200);
    }
  });

  it('carries a won deal to its invoice and commission, and answers the customer 360', async () => {
    const { signUp } = ok(
      await gql(platform.url, contract.SignUp, {
        input: {
          companyName: 'Over HTTP',
          name: 'H',
          email: `h-${randomUUID()}@example.com`,
          password: 'a long enough password',
          plan: 'BUSINESS',
        },
      }),
    );
    const call = (query: string, variables: Record<string, unknown> = {}) =>
      gql(platform.url, query, variables, signUp.token!).then(ok<any>);
    const { hireEmployee } = await call(contract.HireEmployee, { input: { name: 'Hal', email: `hal-${randomUUID()}@example.com` } });
    const { createContact } = await call(contract.CreateContact, { input: { name: 'Hilda', companyName: 'Hilda Ltd' } });
    const { createDeal } = await call(contract.CreateDeal, {
      input: {
        title: 'HTTP deal',
        contactId: createContact.contact.id,
        ownerId: hireEmployee.employee.id,
        amount: { amount: '900.00', currency: 'EUR' },
      },
    });
    await call(contract.MarkDealWon, { input: { dealId: createDeal.deal.id } });
    const effects = await eventually(
      () => call('{ invoices(first: 1) { totalCount } commissions(first: 1) { totalCount } }'),
      (data) => data.invoices.totalCount === 1 && data.commissions.totalCount === 1,
    );
    expect(effects).toEqual({ invoices: { totalCount: 1 }, commissions: { totalCount: 1 } });
    const { contact } = await call(contract.CustomerDashboard, { id: createContact.contact.id });
    expect(contact).toMatchObject({ name: 'Hilda', company: { name: 'Hilda Ltd' }, deals: [{ id: createDeal.deal.id, stage: 'WON' }] });
  });
});
