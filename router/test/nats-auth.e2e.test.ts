/**
 * NATS with authentication (issue 12, item 2): the whole platform on a private nats-server running the
 * generated packages/events/nats/nats-server.conf, each module connecting as its own user. The
 * cross-module workflow and a live subscription work under those permissions (so each module's list is
 * complete for what it really does), and what the permissions exist for is refused: a module
 * publishing another module's event, reading a stream it does not consume, or another user's
 * replies; the router publishing anything; a connection without a password.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, AckPolicy } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { natsConnectionOptions, natsPasswordVariable } from '@tessera/events';
import { findNatsServer, PrivateNatsServer } from '../../packages/testkit/src/index.js';
import { contract } from './contract-operations.js';
import { subscribe } from './live.js';
import { gql, ok, startPlatform, type Platform } from './platform.js';

const CONFIG = fileURLToPath(new URL('../../packages/events/nats/nats-server.conf', import.meta.url));
const USERS = [...readFileSync(CONFIG, 'utf8').matchAll(/\{ user: "([a-z0-9_-]+)"/g)].map((match) => match[1]!);
// nats-server reads a variable's value as a configuration value (a leading digit can make it a number or
// a date): passwords start with a letter.
const passwords = Object.fromEntries(USERS.map((user) => [natsPasswordVariable(user), `n${randomBytes(18).toString('hex')}`]));
const binary = findNatsServer();

let server: PrivateNatsServer;
let platform: Platform;
const connections: NatsConnection[] = [];

/** A connection as `user`, the way the services make it (its password from the environment, its own inbox prefix). */
async function as(user: string, pass?: string): Promise<NatsConnection> {
  const connection = await connect({
    servers: server.url,
    reconnect: false,
    ...natsConnectionOptions(server.url, { ...passwords, ...(pass === undefined ? {} : { [natsPasswordVariable(user)]: pass }) }, user),
  });
  connections.push(connection);
  return connection;
}

/** Messages in a stream, as the operator sees them. */
async function messages(stream: string): Promise<number> {
  const jsm = await jetstreamManager(await as('operator'));
  return Number((await jsm.streams.info(stream)).state.messages);
}

describe.skipIf(!binary)('NATS authentication and per-module permissions', () => {
  beforeAll(async () => {
    expect(USERS).toEqual(expect.arrayContaining(['crm', 'payroll', 'identity', 'router', 'operator']));
    Object.assign(process.env, passwords);
    server = await PrivateNatsServer.start(binary!, {
      config: CONFIG,
      env: passwords,
      probe: { user: 'operator', pass: passwords[natsPasswordVariable('operator')]! },
    });
    platform = await startPlatform({ natsUrl: server.url, namespace: '' });
  }, 120_000);
  afterAll(async () => {
    await Promise.allSettled(connections.map((connection) => connection.close()));
    await platform?.stop();
    await server?.destroy();
    for (const variable of Object.keys(passwords)) delete process.env[variable];
  });

  it('runs the cross-module workflow and a live subscription with every module as its own user', async () => {
    const signUp = ok(
      await gql(platform.url, contract.SignUp, {
        input: {
          companyName: 'Locked Down Ltd',
          name: 'Nat Owner',
          email: `nats-${randomUUID()}@example.com`,
          password: 'a long enough password',
          plan: 'BUSINESS',
        },
      }),
    ).signUp;
    const call = (query: string, variables: Record<string, unknown>) => gql(platform.url, query, variables, signUp.token!).then(ok<any>);
    const live = subscribe(platform.url, signUp.token, contract.InvoiceChanged);
    await new Promise((done) => setTimeout(done, 500));

    const { hireEmployee } = await call(contract.HireEmployee, {
      input: { name: 'Sal Seller', email: `sal.${randomUUID().slice(0, 6)}@example.com`, jobTitle: 'Sales' },
    });
    const ownerId = hireEmployee.employee.id as string;
    const { createContact } = await call(contract.CreateContact, { input: { name: 'Cleo Client' } });
    const { createDeal } = await call(contract.CreateDeal, {
      input: {
        title: 'Locked deal',
        contactId: createContact.contact.id,
        ownerId,
        amount: { amount: '1000.00', currency: 'EUR' },
        stage: 'NEGOTIATION',
      },
    });
    expect(createDeal.userErrors).toEqual([]);
    await call(contract.MarkDealWon, { input: { dealId: createDeal.deal.id } });

    // crm -> invoicing (a draft invoice), crm + hr -> payroll (a commission), invoicing -> router (the push).
    await live.waitFor(1, 20_000);
    expect(live.payloads[0]?.data?.invoiceChanged).toMatchObject({ status: 'DRAFT', amountDue: { amount: '1000.00', currency: 'EUR' } });
    const deadline = Date.now() + 20_000;
    let commissions: unknown[] = [];
    while (Date.now() < deadline && commissions.length === 0) {
      commissions = (await call(contract.EmployeeCommissions, { id: ownerId })).employee.commissions;
      if (commissions.length === 0) await new Promise((done) => setTimeout(done, 200));
    }
    expect(commissions).toMatchObject([{ status: 'ACCRUED', amount: { amount: '100.00', currency: 'EUR' } }]);
    await live.dispose();
    // Nothing the platform did was refused: each user's permissions cover what its module really does.
    expect(server.output.match(/.*Violation.*/g) ?? []).toEqual([]);
    // Every module's relay published its events on its own subjects.
    expect(await messages('CRM')).toBeGreaterThan(0);
    expect(await messages('INVOICING')).toBeGreaterThan(0);
  }, 60_000);

  it("refuses a module publishing another module's event: nothing reaches that stream", async () => {
    const before = await messages('INVOICING');
    const crm = jetstream(await as('crm'));
    await expect(crm.publish(`invoicing.${randomUUID()}.invoice.paid`, '{}', { timeout: 2000 })).rejects.toThrow();
    // Its own subjects it may publish.
    await expect(crm.publish(`crm.${randomUUID()}.company.created`, '{}', { timeout: 5000 })).resolves.toMatchObject({ stream: 'CRM' });
    expect(await messages('INVOICING')).toBe(before);
    // The server logs each refusal (what the workflow test above found none of).
    expect(server.output).toMatch(/Publish Violation.*invoicing\./);
  });

  it('refuses reading a stream the module does not consume, and reading another user’s replies', async () => {
    const payroll = await jetstreamManager(await as('payroll'));
    // Payroll consumes CRM's deals (allowed) but nothing of identity's.
    await expect(
      payroll.consumers.add('IDENTITY', { durable_name: `probe-${randomUUID().slice(0, 8)}`, ack_policy: AckPolicy.Explicit }),
    ).rejects.toThrow();
    await expect(
      payroll.consumers.add('CRM', { durable_name: `probe-${randomUUID().slice(0, 8)}`, ack_policy: AckPolicy.Explicit }),
    ).resolves.toBeDefined();

    const crm = await as('crm');
    const refused = new Promise<string>((done) => {
      void (async () => {
        for await (const status of crm.status()) if (status.type === 'error') done(String((status as { error?: unknown }).error));
      })();
    });
    crm.subscribe('_INBOX_router.>');
    crm.subscribe('payroll.>');
    expect(await Promise.race([refused, new Promise((done) => setTimeout(() => done('accepted'), 3000))])).toMatch(/permission/i);
  });

  it('lets the router read but publish nothing, and refuses a connection without the password', async () => {
    const router = jetstream(await as('router'));
    await expect(router.publish(`crm.${randomUUID()}.contact.deleted`, '{}', { timeout: 2000 })).rejects.toThrow();
    await expect(as('crm', 'not the password')).rejects.toThrow(/authorization/i);
    await expect(connect({ servers: server.url, reconnect: false })).rejects.toThrow(/authorization/i);
  });
});
