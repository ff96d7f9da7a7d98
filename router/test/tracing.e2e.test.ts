/**
 * OpenTelemetry end to end: one trace from the router's HTTP request for `markDealWon`, through its
 * fetch to CRM and CRM's SQL, into CRM's outbox, across NATS (the envelope's traceparent), to the
 * invoicing and payroll consumers that react to the won deal, with tenant and request id as
 * attributes. Spans are captured in memory; the SDK is set up before the platform is loaded, as a
 * service's main does.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemorySpanExporter, SimpleSpanProcessor, startTracing, type ReadableSpan } from '@tessera/service-kit/tracing';

const exporter = new InMemorySpanExporter();
const tracing = await startTracing({ service: 'tessera-e2e', spanProcessors: [new SimpleSpanProcessor(exporter)] });
const { contract } = await import('./contract-operations.js');
const { gql, ok, startPlatform } = await import('./platform.js');

let platform: Awaited<ReturnType<typeof startPlatform>>;

beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.stop());

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

/** The span's ancestors, nearest first, within the captured spans. */
function ancestors(span: ReadableSpan, byId: Map<string, ReadableSpan>): ReadableSpan[] {
  const chain: ReadableSpan[] = [];
  let parent = parentOf(span);
  while (parent && byId.has(parent)) {
    const next = byId.get(parent)!;
    chain.push(next);
    parent = parentOf(next);
  }
  return chain;
}

async function eventually<T>(read: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

describe('tracing', () => {
  it('follows a won deal in one trace: router -> crm (SQL) -> outbox -> NATS -> invoicing and payroll consumers', async () => {
    expect(tracing.recording).toBe(true);
    const { signUp } = ok(
      await gql(platform.url, contract.SignUp, {
        input: {
          companyName: 'Traced Ltd',
          name: 'Tracy',
          email: `tracy-${randomUUID()}@example.com`,
          password: 'a long enough password',
          plan: 'BUSINESS',
        },
      }),
    );
    const token = signUp.token as string;
    const tenantId = signUp.tenant!.id;
    const call = (query: string, variables: Record<string, unknown>) => gql(platform.url, query, variables, token).then(ok<any>);
    const { hireEmployee } = await call(contract.HireEmployee, {
      input: { name: 'Ted Seller', email: `ted-${randomUUID()}@example.com` },
    });
    const { createContact } = await call(contract.CreateContact, { input: { name: 'Trace Buyer' } });
    const { createDeal } = await call(contract.CreateDeal, {
      input: {
        title: 'Traced deal',
        contactId: createContact.contact.id,
        ownerId: hireEmployee.employee.id,
        amount: { amount: '500.00', currency: 'EUR' },
        stage: 'NEGOTIATION',
      },
    });
    exporter.reset();
    const requestId = `trace-${randomUUID()}`;
    const response = await fetch(platform.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': requestId },
      body: JSON.stringify({ query: contract.MarkDealWon, variables: { input: { dealId: createDeal.deal.id } } }),
    });
    expect(response.status).toBe(200);

    const isConsumer = (name: string) => (span: ReadableSpan) =>
      span.name === 'process crm.deal.won' &&
      span.attributes['messaging.consumer.group.name'] === name &&
      span.attributes['tessera.duplicate'] === false;
    const spans = await eventually(
      async () => {
        await tracing.flush();
        return exporter.getFinishedSpans();
      },
      (all) => all.some(isConsumer('invoicing-deal-invoice')) && all.some(isConsumer('payroll-commission-accrual')),
    );
    const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));

    const routerRequest = spans.find(
      (s) => s.attributes['tessera.service'] === 'router' && s.attributes['tessera.request_id'] === requestId,
    );
    expect(routerRequest, 'the router request span').toBeDefined();
    const traceId = routerRequest!.spanContext().traceId;
    const inTrace = spans.filter((s) => s.spanContext().traceId === traceId);

    const crmRequest = inTrace.find((s) => s.attributes['tessera.service'] === 'crm');
    expect(crmRequest, 'the CRM request span, in the router request trace').toBeDefined();
    expect(crmRequest!.attributes['tessera.tenant_id']).toBe(tenantId);
    expect(crmRequest!.attributes['tessera.request_id']).toBe(requestId);
    expect(ancestors(crmRequest!, byId)).toContain(routerRequest);

    const sql = inTrace.filter((s) => s.name.startsWith('pg.query') && ancestors(s, byId).includes(crmRequest!));
    expect(sql.length, 'CRM SQL statements under its request').toBeGreaterThan(0);

    const outbox = inTrace.find((s) => s.name === 'outbox.record crm.deal.won');
    expect(outbox, 'the outbox write').toBeDefined();
    expect(outbox!.attributes['tessera.tenant_id']).toBe(tenantId);
    expect(ancestors(outbox!, byId)).toContain(crmRequest);

    const publish = inTrace.find((s) => s.name === 'publish crm.deal.won');
    expect(publish, 'the relay publish').toBeDefined();
    expect(parentOf(publish!)).toBe(outbox!.spanContext().spanId);

    for (const consumer of ['invoicing-deal-invoice', 'payroll-commission-accrual']) {
      const processed = inTrace.find(isConsumer(consumer));
      expect(processed, `${consumer} in the same trace`).toBeDefined();
      expect(processed!.attributes['tessera.tenant_id']).toBe(tenantId);
      expect(parentOf(processed!), `${consumer} continues the envelope's context`).toBe(outbox!.spanContext().spanId);
      const consumerSql = inTrace.filter((s) => s.name.startsWith('pg.query') && parentOf(s) === processed!.spanContext().spanId);
      expect(consumerSql.length, `${consumer} SQL under its span`).toBeGreaterThan(0);
    }
    // What invoicing recorded while reacting (its draft invoice) continues the same trace.
    const invoiceCreated = inTrace.find((s) => s.name === 'outbox.record invoicing.invoice.created');
    expect(invoiceCreated, 'invoicing.invoice.created recorded in the trace').toBeDefined();
    expect(ancestors(invoiceCreated!, byId)).toContain(inTrace.find(isConsumer('invoicing-deal-invoice')));

    const listed = inTrace
      .filter((s) => !s.name.startsWith('pg.') && !s.name.startsWith('graphql.resolve'))
      .sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1])
      .map(
        (s) =>
          `${'  '.repeat(ancestors(s, byId).length)}${s.name}${s.attributes['tessera.service'] ? ` [${s.attributes['tessera.service']}]` : ''}`,
      );
    process.stdout.write(`trace ${traceId} (${inTrace.length} spans; SQL and resolver spans omitted):\n${listed.join('\n')}\n`);
  });
});
