/**
 * Webhooks through the module's API, its consumers and its dispatcher, on the real PostgreSQL, with
 * a real HTTP receiver on loopback: registration and its refusals, what an integrator receives
 * (body, headers, a signature its own check verifies), retries with backoff, the attempt log,
 * per-subject order, redelivery, rotation, giving up after 3 days, and tenant isolation.
 */
import { createHmac } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEnvelope, type EventEnvelope } from '@tessera/events';
import { asTenant, callSubgraph, codesOf, mutate, newCaller, query, USER_ERRORS } from '../../../packages/testkit/src/index.js';
import { Dispatcher } from '../src/index.js';
import { DELIVERY_FIELDS, ENDPOINT_FIELDS, startReceiver, startWebhooks, type RunningWebhooks } from './harness.js';

let running: RunningWebhooks;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  running = await startWebhooks();
  receiver = await startReceiver();
});
afterAll(async () => {
  for (const tenantId of tenants) await asTenant(running.db, tenantId, (tx) => tx.$executeRaw`DELETE FROM webhook_endpoints`);
  await running.stop();
  await receiver.close();
});
beforeEach(() => {
  receiver.received.length = 0;
  receiver.answer(() => ({ status: 200, body: 'ok' }));
});

type Caller = ReturnType<typeof newCaller>;

/** The tenants this file made: their endpoints (and so their pending deliveries) are deleted afterwards, so no other test's dispatcher retries them. */
const tenants = new Set<string>();
function tenantCaller(overrides: Parameters<typeof newCaller>[0] = {}): Caller {
  const caller = newCaller(overrides);
  tenants.add(caller.tenantId);
  return caller;
}

type Endpoint = {
  id: string;
  url: string;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: string | null;
  failingSince: string | null;
  previousSecretExpiresAt: string | null;
};
type Attempt = { number: number; durationMs: number; responseStatus: number | null; responseBody: string | null; error: string | null };
type Delivery = {
  id: string;
  eventId: string;
  eventType: string;
  subjectId: string;
  status: string;
  attempts: number;
  lastResponseStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  body: string;
  attemptLog: Attempt[];
};
type Created = { endpoint: Endpoint | null; signingSecret: string | null; userErrors: { code: string; field: string[] | null }[] };

const create = (caller: Caller, input: Record<string, unknown>) =>
  mutate<Created>(running.url, caller, 'createWebhookEndpoint', `endpoint { ${ENDPOINT_FIELDS} } signingSecret ${USER_ERRORS}`, input);

async function endpointFor(caller: Caller, eventTypes: string[] = ['*'], path = '/hook') {
  const created = await create(caller, { url: receiver.url(path), eventTypes });
  expect(created.userErrors).toEqual([]);
  return { endpoint: created.endpoint!, secret: created.signingSecret! };
}

const deliveriesOf = async (caller: Caller, endpointId: string) =>
  (
    await query<{ webhookEndpoint: { deliveries: { totalCount: number; edges: { node: Delivery }[] } } | null }>(
      running.url,
      caller,
      `query($id: ID!) { webhookEndpoint(id: $id) { deliveries(first: 50) { totalCount edges { node { ${DELIVERY_FIELDS} } } } } }`,
      { id: endpointId },
    )
  ).webhookEndpoint?.deliveries.edges.map((edge) => edge.node) ?? [];

function contactCreated(tenantId: string, name: string, subjectId: string = randomUUID()): EventEnvelope {
  return createEnvelope('crm', { type: 'crm.contact.created', tenantId, subjectId, data: { name, email: null, companyId: null } });
}
function contactUpdated(tenantId: string, name: string, subjectId: string): EventEnvelope {
  return createEnvelope('crm', { type: 'crm.contact.updated', tenantId, subjectId, data: { name, email: null, companyId: null } });
}

/** What the receiver got for one tenant (the dispatcher serves every tenant: other tests' retries come too). */
const receivedBy = (caller: Caller) => receiver.received.filter((request) => JSON.parse(request.body).tenantId === caller.tenantId);

/** Makes every pending delivery of the tenant due now (the retry delay has "passed"). */
const makeDue = (tenantId: string) =>
  asTenant(
    running.db,
    tenantId,
    (tx) => tx.$executeRaw`UPDATE webhook_deliveries SET next_attempt_at = now() - interval '1 second' WHERE status = 'PENDING'`,
  );

/** The receiver's check, as the README tells integrators to write it. */
function verifies(header: string, body: string, secret: string): boolean {
  const parts = header.split(',');
  const t = parts.find((part) => part.startsWith('t='))!.slice(2);
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return parts.some((part) => part === `v1=${expected}`) && Math.abs(Date.now() / 1000 - Number(t)) < 300;
}

describe('registering an endpoint', () => {
  it('returns the signing secret once, stores it sealed, and lists the endpoint', async () => {
    const caller = tenantCaller();
    const created = await create(caller, {
      url: receiver.url(),
      eventTypes: ['crm.deal.won', 'invoicing.invoice.paid'],
      description: ' ERP sync ',
    });
    expect(created.userErrors).toEqual([]);
    expect(created.signingSecret).toMatch(/^whsec_/);
    expect(created.endpoint).toMatchObject({ url: receiver.url(), eventTypes: ['crm.deal.won', 'invoicing.invoice.paid'], enabled: true });
    const [stored] = await asTenant(
      running.db,
      caller.tenantId,
      (tx) => tx.$queryRaw<{ secret: string }[]>`SELECT secret FROM webhook_endpoints`,
    );
    expect(stored!.secret).not.toContain(created.signingSecret!.slice(6));
    const listed = await query<{ webhookEndpoints: { totalCount: number; edges: { node: { id: string } }[] } }>(
      running.url,
      caller,
      '{ webhookEndpoints(first: 10) { totalCount edges { node { id } } } }',
    );
    expect(listed.webhookEndpoints.edges.map((edge) => edge.node.id)).toEqual([created.endpoint!.id]);
  });

  it('refuses a URL that is not https (or loopback http), unknown event types and no types, and stores nothing', async () => {
    const caller = tenantCaller();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ url: 'http://hooks.example.com/x', eventTypes: ['*'] }, 'URL_NOT_ALLOWED', 'url'],
      [{ url: 'ftp://hooks.example.com/x', eventTypes: ['*'] }, 'INVALID_URL', 'url'],
      [{ url: 'not a url', eventTypes: ['*'] }, 'INVALID_URL', 'url'],
      [{ url: 'https://u:p@hooks.example.com/x', eventTypes: ['*'] }, 'INVALID_URL', 'url'],
      [{ url: receiver.url(), eventTypes: ['crm.deal.exploded'] }, 'UNKNOWN_EVENT_TYPE', 'eventTypes'],
      [{ url: receiver.url(), eventTypes: ['analytics.dashboard.updated'] }, 'UNKNOWN_EVENT_TYPE', 'eventTypes'],
      [{ url: receiver.url(), eventTypes: [] }, 'INVALID', 'eventTypes'],
      [{ url: receiver.url(), eventTypes: ['*'], description: 'x'.repeat(501) }, 'INVALID', 'description'],
    ];
    for (const [input, code, field] of cases) {
      const refused = await create(caller, input);
      expect(refused.endpoint, JSON.stringify(input)).toBeNull();
      expect(refused.signingSecret).toBeNull();
      expect(refused.userErrors, JSON.stringify(input)).toEqual([expect.objectContaining({ code, field: ['input', field] })]);
    }
    const [{ count }] = await asTenant(
      running.db,
      caller.tenantId,
      (tx) => tx.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM webhook_endpoints`,
    );
    expect(count).toBe(0);
  });

  it('an API key follows only its own modules’ events, named (it is sold per module)', async () => {
    const key = tenantCaller({ role: null, userId: null, apiKeyId: randomUUID(), apiKeyModules: ['CRM'] });
    for (const eventTypes of [['*'], ['payroll.commission.accrued'], ['crm.deal.won', 'hr.employee.hired']]) {
      const refused = await create(key, { url: receiver.url(), eventTypes });
      expect(codesOf(refused as never), eventTypes.join()).toEqual(['FORBIDDEN']);
    }
    const allowed = await create(key, { url: receiver.url(), eventTypes: ['crm.deal.won', 'crm.contact.created'] });
    expect(allowed.userErrors).toEqual([]);
    expect(allowed.endpoint!.eventTypes).toEqual(['crm.contact.created', 'crm.deal.won']);
    // The owner's endpoint for everything is not the key's to see or manage: its log holds other modules' data.
    const owner = tenantCaller({ tenantId: key.tenantId });
    const { endpoint: everything } = await endpointFor(owner, ['*']);
    const seen = await query<{ webhookEndpoints: { totalCount: number; edges: { node: { id: string } }[] } }>(
      running.url,
      key,
      '{ webhookEndpoints(first: 10) { totalCount edges { node { id } } } }',
    );
    expect(seen.webhookEndpoints.edges.map((edge) => edge.node.id)).toEqual([allowed.endpoint!.id]);
    expect(seen.webhookEndpoints.totalCount).toBe(1);
    const read = await query<{ webhookEndpoint: unknown }>(running.url, key, 'query($id: ID!) { webhookEndpoint(id: $id) { id } }', {
      id: everything.id,
    });
    expect(read.webhookEndpoint).toBeNull();
    for (const [name, input] of [
      ['updateWebhookEndpoint', { endpointId: everything.id, enabled: false }],
      ['deleteWebhookEndpoint', { endpointId: everything.id }],
      ['rotateWebhookSecret', { endpointId: everything.id }],
    ] as const)
      expect(codesOf(await mutate<{ userErrors: { code: string }[] }>(running.url, key, name, USER_ERRORS, input)), name).toEqual([
        'NOT_FOUND',
      ]);
    const owned = await query<{ webhookEndpoints: { totalCount: number } }>(running.url, owner, '{ webhookEndpoints { totalCount } }');
    expect(owned.webhookEndpoints.totalCount).toBe(2);
  });

  it('is for owners, admins and API keys: a member may neither register nor list endpoints', async () => {
    const member = tenantCaller({ role: 'MEMBER' });
    const response = await callSubgraph(
      running.url,
      member,
      'mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { signingSecret } }',
      {
        input: { url: receiver.url(), eventTypes: ['*'] },
      },
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const listed = await callSubgraph(running.url, member, '{ webhookEndpoints { totalCount } }');
    expect(listed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('delivering', () => {
  it('POSTs each matching event once, as JSON with its id, type and a signature the receiver verifies', async () => {
    const caller = tenantCaller();
    const { endpoint, secret } = await endpointFor(caller, ['crm.contact.created']);
    const event = contactCreated(caller.tenantId, 'Ada');
    await running.deliver(event, event, contactUpdated(caller.tenantId, 'Not wanted', event.subjectId));
    await running.dispatcher.dispatchDue();
    expect(receivedBy(caller)).toHaveLength(1);
    const [got] = receivedBy(caller);
    expect(JSON.parse(got!.body)).toEqual({
      id: event.id,
      type: 'crm.contact.created',
      occurredAt: event.occurredAt,
      tenantId: caller.tenantId,
      subjectId: event.subjectId,
      data: event.data,
    });
    expect(got!.headers['content-type']).toBe('application/json');
    expect(got!.headers['tessera-event-id']).toBe(event.id);
    expect(got!.headers['tessera-event-type']).toBe('crm.contact.created');
    expect(verifies(String(got!.headers['tessera-signature']), got!.body, secret)).toBe(true);
    expect(verifies(String(got!.headers['tessera-signature']), got!.body, 'whsec_other')).toBe(false);
    const [delivery] = await deliveriesOf(caller, endpoint.id);
    expect(delivery).toMatchObject({ eventId: event.id, status: 'SUCCEEDED', attempts: 1, lastResponseStatus: 200, nextAttemptAt: null });
    expect(delivery!.attemptLog).toEqual([expect.objectContaining({ number: 1, responseStatus: 200, responseBody: 'ok', error: null })]);
    await running.dispatcher.dispatchDue();
    expect(receivedBy(caller)).toHaveLength(1);
  });

  it('retries a failed delivery with growing delays, logging each attempt (status, duration, truncated answer)', async () => {
    const caller = tenantCaller();
    const { endpoint } = await endpointFor(caller);
    receiver.answer(() => ({ status: 503, body: 'x'.repeat(10_000) }));
    const before = Date.now();
    await running.deliver(contactCreated(caller.tenantId, 'Retry me'));
    await running.dispatcher.dispatchDue();
    let [delivery] = await deliveriesOf(caller, endpoint.id);
    expect(delivery).toMatchObject({ status: 'PENDING', attempts: 1, lastResponseStatus: 503, lastError: 'answered 503' });
    const firstDelay = new Date(delivery!.nextAttemptAt!).getTime() - before;
    expect(firstDelay).toBeGreaterThan(3_000);
    expect(firstDelay).toBeLessThan(30_000);
    expect(delivery!.attemptLog[0]!.responseBody).toHaveLength(2048);
    // Not due yet: nothing is sent.
    await running.dispatcher.dispatchDue();
    expect(receivedBy(caller)).toHaveLength(1);
    await makeDue(caller.tenantId);
    const second = Date.now();
    await running.dispatcher.dispatchDue();
    [delivery] = await deliveriesOf(caller, endpoint.id);
    expect(delivery!.attempts).toBe(2);
    expect(new Date(delivery!.nextAttemptAt!).getTime() - second).toBeGreaterThan(20_000);
    const [{ failingSince }] = await asTenant(
      running.db,
      caller.tenantId,
      (tx) => tx.$queryRaw<{ failingSince: Date | null }[]>`SELECT failing_since AS "failingSince" FROM webhook_endpoints`,
    );
    expect(failingSince).not.toBeNull();
    receiver.answer(() => ({ status: 204 }));
    await makeDue(caller.tenantId);
    await running.dispatcher.dispatchDue();
    [delivery] = await deliveriesOf(caller, endpoint.id);
    expect(delivery).toMatchObject({ status: 'SUCCEEDED', attempts: 3, lastResponseStatus: 204 });
    expect(delivery!.attemptLog.map((attempt) => attempt.responseStatus)).toEqual([503, 503, 204]);
    expect(new Set(receivedBy(caller).map((request) => request.headers['tessera-event-id'])).size).toBe(1);
  });

  it('keeps each subject in order: a later event waits until the earlier one succeeded or was given up', async () => {
    const caller = tenantCaller();
    const { endpoint } = await endpointFor(caller);
    const subject = randomUUID();
    receiver.answer(() => ({ status: 500 }));
    await running.deliver(
      contactCreated(caller.tenantId, 'v1', subject),
      contactUpdated(caller.tenantId, 'v2', subject),
      contactCreated(caller.tenantId, 'other'),
    );
    await running.dispatcher.dispatchDue();
    // The first of the subject failed; the other subject went; the second of the subject waits.
    expect(
      receivedBy(caller)
        .map((request) => JSON.parse(request.body).data.name)
        .sort(),
    ).toEqual(['other', 'v1']);
    await makeDue(caller.tenantId);
    receiver.answer(() => ({ status: 200 }));
    receiver.received.length = 0;
    await running.dispatcher.dispatchDue();
    // v1 succeeds now; v2 was still behind it when this round looked.
    expect(
      receivedBy(caller)
        .map((request) => JSON.parse(request.body).data.name)
        .sort(),
    ).toEqual(['other', 'v1']);
    await running.dispatcher.dispatchDue();
    expect(receivedBy(caller)).toHaveLength(3);
    expect(
      receivedBy(caller)
        .map((request) => JSON.parse(request.body).data.name)
        .slice(-1),
    ).toEqual(['v2']);
    const deliveries = await deliveriesOf(caller, endpoint.id);
    expect(deliveries.every((delivery) => delivery.status === 'SUCCEEDED')).toBe(true);
  });

  it('follows no redirect, gives up on a slow answer at the timeout, and reads no more than the cap', async () => {
    const caller = tenantCaller();
    const { endpoint } = await endpointFor(caller);
    const quick = new Dispatcher({
      db: running.db,
      logger: running.dispatcher['options'].logger,
      settings: { ...running.dispatcher['options'].settings, timeoutMs: 300 },
    });
    try {
      receiver.answer((request) =>
        request.path === '/hook' ? { status: 302, headers: { location: receiver.url('/elsewhere') } } : { status: 200 },
      );
      await running.deliver(contactCreated(caller.tenantId, 'Redirected'));
      await quick.dispatchDue();
      expect(receivedBy(caller).map((request) => request.path)).toEqual(['/hook']);
      let [delivery] = await deliveriesOf(caller, endpoint.id);
      expect(delivery).toMatchObject({ status: 'PENDING', lastResponseStatus: 302 });
      expect(delivery!.lastError).toMatch(/redirect .* not followed/);
      receiver.answer(() => ({ status: 200, delayMs: 2000 }));
      await makeDue(caller.tenantId);
      const started = Date.now();
      await quick.dispatchDue();
      expect(Date.now() - started).toBeLessThan(1500);
      [delivery] = await deliveriesOf(caller, endpoint.id);
      expect(delivery!.lastError).toBe('timed out after 300 ms');
      expect(delivery!.attemptLog.at(-1)!.responseStatus).toBeNull();
    } finally {
      await quick.stop();
    }
  });

  it('a redelivery sends the same event again now, whatever its status, with the same event id', async () => {
    const caller = tenantCaller();
    const { endpoint } = await endpointFor(caller);
    const event = contactCreated(caller.tenantId, 'Again');
    await running.deliver(event);
    await running.dispatcher.dispatchDue();
    const [delivery] = await deliveriesOf(caller, endpoint.id);
    const redelivered = await mutate<{ delivery: { id: string; status: string; attempts: number } | null; userErrors: unknown[] }>(
      running.url,
      caller,
      'redeliverWebhook',
      `delivery { id status attempts } ${USER_ERRORS}`,
      { deliveryId: delivery!.id },
    );
    expect(redelivered).toEqual({ delivery: { id: delivery!.id, status: 'PENDING', attempts: 1 }, userErrors: [] });
    await running.dispatcher.dispatchDue();
    expect(receivedBy(caller).map((request) => request.headers['tessera-event-id'])).toEqual([event.id, event.id]);
    const [after] = await deliveriesOf(caller, endpoint.id);
    expect(after).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
  });

  it('after a rotation, signs with both secrets for 24 hours; the new secret alone verifies afterwards', async () => {
    const caller = tenantCaller();
    const { endpoint, secret: first } = await endpointFor(caller);
    const rotated = await mutate<{ endpoint: Endpoint; signingSecret: string; userErrors: unknown[] }>(
      running.url,
      caller,
      'rotateWebhookSecret',
      `endpoint { ${ENDPOINT_FIELDS} } signingSecret ${USER_ERRORS}`,
      { endpointId: endpoint.id },
    );
    expect(rotated.userErrors).toEqual([]);
    expect(rotated.signingSecret).not.toBe(first);
    const overlap = new Date(rotated.endpoint.previousSecretExpiresAt!).getTime() - Date.now();
    expect(overlap).toBeGreaterThan(23.9 * 3_600_000);
    await running.deliver(contactCreated(caller.tenantId, 'Rotated'));
    await running.dispatcher.dispatchDue();
    const [got] = receivedBy(caller);
    const header = String(got!.headers['tessera-signature']);
    expect(header.split(',').filter((part) => part.startsWith('v1='))).toHaveLength(2);
    expect(verifies(header, got!.body, first)).toBe(true);
    expect(verifies(header, got!.body, rotated.signingSecret)).toBe(true);
    await asTenant(
      running.db,
      caller.tenantId,
      (tx) => tx.$executeRaw`UPDATE webhook_endpoints SET previous_secret_expires_at = now() - interval '1 second'`,
    );
    await running.deliver(contactCreated(caller.tenantId, 'Later'));
    await running.dispatcher.dispatchDue();
    const later = receivedBy(caller)[1]!;
    expect(verifies(String(later.headers['tessera-signature']), later.body, first)).toBe(false);
    expect(verifies(String(later.headers['tessera-signature']), later.body, rotated.signingSecret)).toBe(true);
  });

  it('gives a delivery up after 3 days of failures and disables an endpoint that failed for 3 days; a disabled endpoint gets no new deliveries', async () => {
    const caller = tenantCaller();
    const { endpoint } = await endpointFor(caller);
    receiver.answer(() => ({ status: 500 }));
    await running.deliver(contactCreated(caller.tenantId, 'Doomed'), contactCreated(caller.tenantId, 'Also doomed'));
    await asTenant(running.db, caller.tenantId, async (tx) => {
      await tx.$executeRaw`UPDATE webhook_deliveries SET created_at = now() - interval '3 days 1 minute'`;
      await tx.$executeRaw`UPDATE webhook_endpoints SET failing_since = now() - interval '3 days'`;
    });
    await running.dispatcher.dispatchDue();
    const deliveries = await deliveriesOf(caller, endpoint.id);
    expect(deliveries.map((delivery) => delivery.status)).toEqual(['FAILED', 'FAILED']);
    const { webhookEndpoint } = await query<{ webhookEndpoint: Endpoint }>(
      running.url,
      caller,
      `query($id: ID!) { webhookEndpoint(id: $id) { ${ENDPOINT_FIELDS} } }`,
      {
        id: endpoint.id,
      },
    );
    expect(webhookEndpoint.enabled).toBe(false);
    expect(webhookEndpoint.disabledReason).toMatch(/disabled after 3 days/);
    receiver.received.length = 0;
    await running.deliver(contactCreated(caller.tenantId, 'After'));
    await running.dispatcher.dispatchDue();
    expect(receivedBy(caller)).toHaveLength(0);
    expect(await deliveriesOf(caller, endpoint.id)).toHaveLength(2);
    const refused = await mutate<{ userErrors: { code: string }[] }>(running.url, caller, 'redeliverWebhook', USER_ERRORS, {
      deliveryId: deliveries[0]!.id,
    });
    expect(codesOf(refused)).toEqual(['ENDPOINT_DISABLED']);
  });
});

describe('tenant isolation', () => {
  it('another tenant’s events never reach an endpoint, and its endpoints and deliveries cannot be read, changed or redelivered', async () => {
    const a = tenantCaller();
    const b = tenantCaller();
    const { endpoint } = await endpointFor(a);
    await running.deliver(contactCreated(b.tenantId, 'Not for A'), contactCreated(a.tenantId, 'For A'));
    await running.dispatcher.dispatchDue();
    expect(
      receiver.received
        .map((request) => JSON.parse(request.body).tenantId)
        .filter((tenant) => tenant === a.tenantId || tenant === b.tenantId),
    ).toEqual([a.tenantId]);
    const [delivery] = await deliveriesOf(a, endpoint.id);
    expect(await deliveriesOf(b, endpoint.id)).toEqual([]);
    const read = await query<{ webhookEndpoint: unknown }>(running.url, b, `query($id: ID!) { webhookEndpoint(id: $id) { id } }`, {
      id: endpoint.id,
    });
    expect(read.webhookEndpoint).toBeNull();
    for (const [name, input] of [
      ['updateWebhookEndpoint', { endpointId: endpoint.id, enabled: false }],
      ['deleteWebhookEndpoint', { endpointId: endpoint.id }],
      ['rotateWebhookSecret', { endpointId: endpoint.id }],
      ['redeliverWebhook', { deliveryId: delivery!.id }],
    ] as const) {
      const refused = await mutate<{ userErrors: { code: string }[] }>(running.url, b, name, USER_ERRORS, input);
      expect(codesOf(refused), name).toEqual(['NOT_FOUND']);
    }
    const [still] = await deliveriesOf(a, endpoint.id);
    expect(still).toMatchObject({ status: 'SUCCEEDED', attempts: 1 });
    const { webhookEndpoint } = await query<{ webhookEndpoint: Endpoint }>(
      running.url,
      a,
      `query($id: ID!) { webhookEndpoint(id: $id) { ${ENDPOINT_FIELDS} } }`,
      { id: endpoint.id },
    );
    expect(webhookEndpoint.enabled).toBe(true);
  });

  it('the dispatcher’s role sees when deliveries are due, never their bodies, endpoints or secrets', async () => {
    const { Client } = (await import('pg')).default;
    const { eventsConfig } = await import('@tessera/prisma');
    const client = new Client(eventsConfig('webhooks'));
    await client.connect();
    try {
      await expect(client.query('SELECT id, status FROM webhook_deliveries LIMIT 1')).resolves.toBeDefined();
      await expect(client.query('SELECT body FROM webhook_deliveries LIMIT 1')).rejects.toMatchObject({ code: '42501' });
      await expect(client.query('SELECT secret FROM webhook_endpoints LIMIT 1')).rejects.toMatchObject({ code: '42501' });
      await expect(client.query('SELECT * FROM webhook_attempts LIMIT 1')).rejects.toMatchObject({ code: '42501' });
    } finally {
      await client.end();
    }
  });
});

describe('production address rules', () => {
  it('refuses private, loopback, link-local and metadata addresses at creation, literal or resolved', async () => {
    const production = await startWebhooks({
      source: {
        ...process.env,
        NODE_ENV: 'production',
        WEBHOOK_SECRET_KEY: 'p'.repeat(40),
        JWT_SECRET: 'j'.repeat(40),
        INTERNAL_CONTEXT_SECRET: 'i'.repeat(40),
      } as never,
    });
    try {
      const caller = tenantCaller();
      for (const url of [
        'http://127.0.0.1:9/hook',
        'https://127.0.0.1/hook',
        'https://localhost/hook',
        'https://10.0.0.8/hook',
        'https://169.254.169.254/latest',
        'https://[::1]/hook',
        'https://[fd00::5]/hook',
      ]) {
        const refused = await mutate<Created>(production.url, caller, 'createWebhookEndpoint', `signingSecret ${USER_ERRORS}`, {
          url,
          eventTypes: ['*'],
        });
        expect(codesOf(refused as never), url).toEqual(['URL_NOT_ALLOWED']);
      }
    } finally {
      await production.stop();
    }
  });

  it('checks the address again when each attempt connects: a name that resolves to loopback by then is refused, nothing is sent', async () => {
    const caller = tenantCaller();
    // Registered (outside production) under a name; at delivery the resolver answers loopback, where the receiver listens.
    const port = new URL(receiver.url()).port;
    const created = await create(caller, { url: `https://localhost:${port}/hook`, eventTypes: ['*'] });
    expect(created.userErrors).toEqual([]);
    const strict = new Dispatcher({
      db: running.db,
      logger: running.dispatcher['options'].logger,
      settings: { ...running.dispatcher['options'].settings, production: true, timeoutMs: 2000 },
      lookup: async () => [{ address: '127.0.0.1', family: 4 }],
    });
    try {
      await running.deliver(contactCreated(caller.tenantId, 'Rebound'));
      await strict.dispatchDue();
      expect(receivedBy(caller)).toHaveLength(0);
      const [delivery] = await deliveriesOf(caller, created.endpoint!.id);
      expect(delivery!.lastError).toMatch(/refused: localhost resolves to an address webhooks may not reach/);
      expect(delivery!.status).toBe('PENDING');
    } finally {
      await strict.stop();
    }
  });
});
