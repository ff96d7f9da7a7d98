/**
 * Behaviour 11 through the platform: an owner registers a loopback receiver for the tenant's
 * events; creating a contact and a deal and winning it (through the router, the real outbox,
 * relay, JetStream, the webhooks module's consumers and its dispatcher) POSTs each event, signed,
 * in order; the delivery log shows them; a redelivery sends one again. Who may manage endpoints:
 * owners, admins and READ_WRITE API keys; not members, not READ keys.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contract } from './contract-operations.js';
import { gql, ok, signUpTenant, startPlatform, type Platform, type Response } from './platform.js';

let platform: Platform;
type Request = { headers: IncomingHttpHeaders; body: string; status: number };
const received: Request[] = [];
/** How the receiver answers each request (200 unless a test says otherwise). */
let answer: (request: Omit<Request, 'status'>) => number = () => 200;
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const request = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
    const status = answer(request);
    received.push({ ...request, status });
    res.writeHead(status).end(status === 200 ? 'thanks' : 'not now');
  });
});
let hookUrl = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/tessera`;
  // The documented schedule (5 s, 30 s, ...) scaled down 100 times; the dispatcher looks every 100 ms.
  vi.stubEnv('WEBHOOK_RETRY_SCALE', '0.01');
  vi.stubEnv('WEBHOOK_POLL_MS', '100');
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
  vi.unstubAllEnvs();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

const codes = (response: Response) => [
  ...(response.errors ?? []).map((error) => error.extensions?.code),
  ...((Object.values(response.data ?? {})[0] as { userErrors?: { code: string }[] } | null)?.userErrors ?? []).map((error) => error.code),
];

function verifies(header: string, body: string, secret: string): boolean {
  const t = header
    .split(',')
    .find((part) => part.startsWith('t='))!
    .slice(2);
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return header.split(',').includes(`v1=${expected}`);
}

const LOG = `query($id: ID!) { webhookEndpoint(id: $id) { deliveries(first: 50) { edges { node { eventType status attempts attemptLog { responseStatus } } } } } }`;

async function waitFor<T>(read: () => T | Promise<T>, done: (value: T) => boolean, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  let value = await read();
  while (!done(value) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

describe('behaviour 11: webhooks', () => {
  it('delivers the tenant’s events to its endpoint, signed and in order, and logs each delivery', async () => {
    const owner = await signUpTenant(platform.url, 'Hooked Co');
    const other = await signUpTenant(platform.url, 'Other Co');
    const { createWebhookEndpoint } = ok(
      await gql(
        platform.url,
        contract.CreateWebhookEndpoint,
        { input: { url: hookUrl, eventTypes: ['crm.contact.created', 'crm.deal.created', 'crm.deal.won'] } },
        owner.token,
      ),
    );
    expect(createWebhookEndpoint.userErrors).toEqual([]);
    const secret = createWebhookEndpoint.signingSecret!;
    const endpointId = createWebhookEndpoint.endpoint!.id;
    await gql(platform.url, contract.CreateContact, { input: { name: 'Not theirs' } }, other.token).then(ok);

    const { createContact } = ok(await gql(platform.url, contract.CreateContact, { input: { name: 'Hook Contact' } }, owner.token));
    const contactId = createContact.contact!.id;
    const { createDeal } = ok(
      await gql(
        platform.url,
        contract.CreateDeal,
        { input: { title: 'Hook Deal', contactId, amount: { amount: '100.00', currency: 'EUR' } } },
        owner.token,
      ),
    );
    const dealId = createDeal.deal!.id;
    ok(await gql(platform.url, contract.MarkDealWon, { input: { dealId } }, owner.token));

    const mine = () => received.filter((request) => JSON.parse(request.body).tenantId === owner.tenantId);
    const got = await waitFor(mine, (list) => list.length >= 3);
    expect(got.map((request) => JSON.parse(request.body).type)).toEqual(['crm.contact.created', 'crm.deal.created', 'crm.deal.won']);
    for (const request of got) {
      expect(verifies(String(request.headers['tessera-signature']), request.body, secret)).toBe(true);
      expect(request.headers['tessera-event-id']).toBe(JSON.parse(request.body).id);
    }
    expect(JSON.parse(got[2]!.body)).toMatchObject({ type: 'crm.deal.won', tenantId: owner.tenantId, data: expect.any(Object) });
    expect(received.some((request) => JSON.parse(request.body).tenantId === other.tenantId)).toBe(false);

    const { webhookEndpoint } = ok(await gql(platform.url, contract.WebhookDeliveries, { id: endpointId }, owner.token));
    expect(webhookEndpoint!.deliveries.totalCount).toBe(3);
    expect(
      webhookEndpoint!.deliveries.edges.map(
        (edge: { node: { eventType: string; status: string; attempts: number; lastResponseStatus?: number | null } }) => [
          edge.node.eventType,
          edge.node.status,
          edge.node.attempts,
          edge.node.lastResponseStatus,
        ],
      ),
    ).toEqual([
      ['crm.deal.won', 'SUCCEEDED', 1, 200],
      ['crm.deal.created', 'SUCCEEDED', 1, 200],
      ['crm.contact.created', 'SUCCEEDED', 1, 200],
    ]);
    const first = webhookEndpoint!.deliveries.edges.at(-1)!.node;
    const { redeliverWebhook } = ok(await gql(platform.url, contract.RedeliverWebhook, { input: { deliveryId: first.id } }, owner.token));
    expect(redeliverWebhook.userErrors).toEqual([]);
    const again = await waitFor(mine, (list) => list.length >= 4);
    expect(JSON.parse(again[3]!.body).id).toBe(first.eventId);
    // Another tenant cannot read the endpoint or redeliver its deliveries.
    expect(ok(await gql(platform.url, contract.WebhookDeliveries, { id: endpointId }, other.token)).webhookEndpoint).toBeNull();
    expect(codes(await gql(platform.url, contract.RedeliverWebhook, { input: { deliveryId: first.id } }, other.token))).toEqual([
      'NOT_FOUND',
    ]);
  });

  it('done when: the deal-won and invoice-paid events of its tenant only, 500 twice then 200, three attempts in the log', async () => {
    const owner = await signUpTenant(platform.url, 'Retried Co');
    const other = await signUpTenant(platform.url, 'Quiet Co');
    const eventTypes = ['crm.deal.won', 'invoicing.invoice.paid'];
    const { createWebhookEndpoint } = ok(
      await gql(platform.url, contract.CreateWebhookEndpoint, { input: { url: hookUrl, eventTypes } }, owner.token),
    );
    const secret = createWebhookEndpoint.signingSecret!;
    const seen = new Map<string, number>();
    answer = (request) => {
      const id = String(request.headers['tessera-event-id']);
      const count = (seen.get(id) ?? 0) + 1;
      seen.set(id, count);
      return count <= 2 ? 500 : 200;
    };
    try {
      for (const tenant of [owner, other]) {
        const { createContact } = ok(await gql(platform.url, contract.CreateContact, { input: { name: 'Payer' } }, tenant.token));
        const { createDeal } = ok(
          await gql(
            platform.url,
            contract.CreateDeal,
            { input: { title: 'Big', contactId: createContact.contact!.id, amount: { amount: '80.00', currency: 'EUR' } } },
            tenant.token,
          ),
        );
        ok(await gql(platform.url, contract.MarkDealWon, { input: { dealId: createDeal.deal!.id } }, tenant.token));
        const { createInvoice } = ok(
          await gql(
            platform.url,
            contract.CreateInvoice,
            {
              input: {
                contactId: createContact.contact!.id,
                currency: 'EUR',
                lines: [{ description: 'Work', quantity: '1', unitPrice: '80.00' }],
              },
            },
            tenant.token,
          ),
        );
        const invoiceId = createInvoice.invoice!.id;
        ok(await gql(platform.url, contract.SendInvoice, { input: { invoiceId } }, tenant.token));
        ok(
          await gql(
            platform.url,
            contract.RecordPayment,
            { input: { invoiceId, amount: { amount: '80.00', currency: 'EUR' } } },
            tenant.token,
          ),
        );
      }
      const mine = () => received.filter((request) => JSON.parse(request.body).tenantId === owner.tenantId);
      const got = await waitFor(mine, (list) => list.filter((request) => request.status === 200).length >= 2, 30_000);
      const succeeded = got.filter((request) => request.status === 200);
      expect(succeeded.map((request) => JSON.parse(request.body).type).sort()).toEqual(eventTypes);
      for (const request of succeeded) expect(verifies(String(request.headers['tessera-signature']), request.body, secret)).toBe(true);
      expect(received.some((request) => JSON.parse(request.body).tenantId === other.tenantId)).toBe(false);
      const log = await waitFor(
        async () =>
          ok(await gql(platform.url, LOG, { id: createWebhookEndpoint.endpoint!.id }, owner.token)).webhookEndpoint.deliveries.edges,
        (edges: { node: { status: string; attempts: number; attemptLog: { responseStatus: number }[] } }[]) =>
          edges.length === 2 && edges.every((edge) => edge.node.status === 'SUCCEEDED'),
      );
      for (const { node } of log) {
        expect(node.attempts).toBe(3);
        expect(node.attemptLog.map((attempt: { responseStatus: number }) => attempt.responseStatus)).toEqual([500, 500, 200]);
      }
    } finally {
      answer = () => 200;
    }
  });

  it('done when: a receiver that was down for a burst gets every event, in order per subject, once it is back', async () => {
    const owner = await signUpTenant(platform.url, 'Burst Co');
    const eventTypes = ['invoicing.invoice.created', 'invoicing.invoice.sent', 'invoicing.invoice.paid'];
    ok(await gql(platform.url, contract.CreateWebhookEndpoint, { input: { url: hookUrl, eventTypes } }, owner.token));
    let up = false;
    answer = () => (up ? 200 : 503);
    try {
      const { createContact } = ok(await gql(platform.url, contract.CreateContact, { input: { name: 'Burst' } }, owner.token));
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          const { createInvoice } = ok(
            await gql(
              platform.url,
              contract.CreateInvoice,
              {
                input: {
                  contactId: createContact.contact!.id,
                  currency: 'EUR',
                  lines: [{ description: 'Work', quantity: '1', unitPrice: '10.00' }],
                },
              },
              owner.token,
            ),
          );
          const invoiceId = createInvoice.invoice!.id;
          ok(await gql(platform.url, contract.SendInvoice, { input: { invoiceId } }, owner.token));
          ok(
            await gql(
              platform.url,
              contract.RecordPayment,
              { input: { invoiceId, amount: { amount: '10.00', currency: 'EUR' } } },
              owner.token,
            ),
          );
        }),
      );
      const mine = () => received.filter((request) => JSON.parse(request.body).tenantId === owner.tenantId);
      await waitFor(mine, (list) => list.length >= 8);
      up = true;
      const got = await waitFor(
        mine,
        (list) => new Set(list.filter((r) => r.status === 200).map((r) => r.headers['tessera-event-id'])).size >= 24,
        40_000,
      );
      const delivered = got.filter((request) => request.status === 200);
      expect(new Set(delivered.map((request) => request.headers['tessera-event-id'])).size).toBe(24);
      // Per invoice, every attempt (failed ones included) follows the order created, sent, paid: none
      // was tried before the one ahead of it had succeeded.
      const bySubject = new Map<string, string[]>();
      for (const request of got) {
        const { type, subjectId } = JSON.parse(request.body);
        bySubject.set(subjectId, [...(bySubject.get(subjectId) ?? []), type]);
      }
      expect(bySubject.size).toBe(8);
      for (const types of bySubject.values()) {
        const ranks = types.map((type) => eventTypes.indexOf(type));
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
        expect(new Set(types)).toEqual(new Set(eventTypes));
      }
    } finally {
      answer = () => 200;
    }
  });

  it('owners, admins and READ_WRITE keys manage endpoints; members and READ keys are refused', async () => {
    const owner = await signUpTenant(platform.url, 'Keys Co');
    const key = async (access: 'READ' | 'READ_WRITE') =>
      ok(await gql(platform.url, contract.CreateApiKey, { input: { name: access, modules: ['CRM'], access } }, owner.token)).createApiKey
        .secret!;
    const input = { input: { url: hookUrl, eventTypes: ['*'] } };
    expect(codes(await gql(platform.url, contract.CreateWebhookEndpoint, input, await key('READ')))).toEqual(['FORBIDDEN']);
    const writer = await key('READ_WRITE');
    // A CRM key follows CRM's events, named: not "*", not another module's.
    expect(codes(await gql(platform.url, contract.CreateWebhookEndpoint, input, writer))).toEqual(['FORBIDDEN']);
    expect(
      codes(
        await gql(
          platform.url,
          contract.CreateWebhookEndpoint,
          { input: { url: hookUrl, eventTypes: ['payroll.commission.accrued'] } },
          writer,
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    const viaKey = await gql(
      platform.url,
      contract.CreateWebhookEndpoint,
      { input: { url: hookUrl, eventTypes: ['crm.deal.won'] } },
      writer,
    );
    expect(codes(viaKey)).toEqual([]);
    expect(viaKey.data!.createWebhookEndpoint.signingSecret).toMatch(/^whsec_/);
    const { inviteUser } = ok(
      await gql(platform.url, contract.InviteUser, { input: { email: `m-${randomUUID()}@example.com`, role: 'MEMBER' } }, owner.token),
    );
    const { acceptInvitation } = ok(
      await gql(platform.url, contract.AcceptInvitation, {
        input: { token: inviteUser.invitation!.acceptToken!, name: 'Member', password: 'a long enough password' },
      }),
    );
    expect(codes(await gql(platform.url, contract.CreateWebhookEndpoint, input, acceptInvitation.token!))).toEqual(['FORBIDDEN']);
    expect(
      codes(
        await gql(
          platform.url,
          'mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { signingSecret userErrors { code } } }',
          { input: { url: 'http://hooks.example.com/x', eventTypes: ['*'] } },
          owner.token,
        ),
      ),
    ).toEqual(['URL_NOT_ALLOWED']);
  });
});
