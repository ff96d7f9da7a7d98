/**
 * The contract's CustomerDashboard through the router: one request across CRM, invoicing, projects,
 * booking and commerce, every module's references batched; and the issue-5 workflows carried by
 * events (order placed -> invoice, appointment completed -> invoice, POS sale -> stock). A second
 * tenant sees none of the first's data in any module.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from './contract-operations.js';
import { gql, ok, startPlatform, type Platform } from './platform.js';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({ countSql: true });
});
afterAll(() => platform.stop());

interface Tenant {
  token: string;
}

async function signUp(): Promise<Tenant> {
  const data = ok(
    await gql(platform.url, contract.SignUp, {
      input: {
        companyName: 'Customer 360 Co',
        name: 'Cleo',
        email: `c360-${randomUUID()}@example.com`,
        password: 'a long enough password',
        plan: 'BUSINESS',
        defaultCurrency: 'EUR',
      },
    }),
  );
  return { token: data.signUp.token! };
}

async function call(tenant: Tenant, query: string, variables: Record<string, unknown> = {}) {
  const data = ok<any>(await gql(platform.url, query, variables, tenant.token));
  const payload = Object.values(data)[0] as { userErrors?: unknown[] } | null;
  if (payload && Array.isArray(payload.userErrors) && payload.userErrors.length > 0) throw new Error(JSON.stringify(payload.userErrors));
  return data;
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`not reached: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

/** A customer with something in every module: a deal, an invoice, a project, an appointment and an order. */
async function customerWithEverything(tenant: Tenant) {
  const { createContact } = await call(tenant, contract.CreateContact, {
    input: { name: 'Nina Network', email: 'nina@example.com', companyName: 'Net Co' },
  });
  const contactId = createContact.contact.id as string;
  await call(tenant, contract.CreateDeal, {
    input: { title: 'Rollout', contactId, amount: { amount: '900.00', currency: 'EUR' }, stage: 'PROPOSAL' },
  });
  const { createInvoice } = await call(tenant, contract.CreateInvoice, {
    input: { contactId, currency: 'EUR', lines: [{ description: 'Setup', quantity: '1', unitPrice: '300.00' }] },
  });
  await call(tenant, contract.SendInvoice, { input: { invoiceId: createInvoice.invoice.id } });
  const { createProject } = await call(
    tenant,
    'mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id } userErrors { code } } }',
    {
      input: { name: 'Network rollout', contactId },
    },
  );
  await call(tenant, 'mutation($input: CreateTaskInput!) { createTask(input: $input) { task { id } userErrors { code } } }', {
    input: { projectId: createProject.project.id, title: 'Survey the site' },
  });

  // Booking: a service, a room open every day 00:00-24:00 UTC, an appointment tomorrow at 10:00.
  const { createService } = await call(
    tenant,
    'mutation($input: CreateServiceInput!) { createService(input: $input) { service { id } userErrors { code } } }',
    {
      input: { name: 'Consultation', durationMinutes: 60, price: { amount: '120.00', currency: 'EUR' } },
    },
  );
  const serviceId = createService.service.id as string;
  const { createResource } = await call(
    tenant,
    'mutation($input: CreateResourceInput!) { createResource(input: $input) { resource { id } userErrors { code } } }',
    {
      input: { name: 'Room A', kind: 'ROOM', timeZone: 'UTC', serviceIds: [serviceId] },
    },
  );
  const resourceId = createResource.resource.id as string;
  const weekdays = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
  await call(tenant, 'mutation($input: SetWeeklyAvailabilityInput!) { setWeeklyAvailability(input: $input) { userErrors { code } } }', {
    input: { resourceId, days: weekdays.map((weekday) => ({ weekday, intervals: [{ start: '00:00', end: '24:00' }] })) },
  });
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const { requestAppointment } = await call(
    tenant,
    'mutation($input: RequestAppointmentInput!) { requestAppointment(input: $input) { appointment { id } userErrors { code field message } } }',
    { input: { serviceId, resourceId, contactId, startsAt: `${tomorrow}T10:00:00.000Z` } },
  );

  // Commerce: a product with a EUR price, 5 in a shop, an order of 2 for the customer.
  const { createProduct } = await call(
    tenant,
    'mutation($input: CreateProductInput!) { createProduct(input: $input) { product { id } userErrors { code } } }',
    {
      input: { name: 'Router' },
    },
  );
  const { addVariant } = await call(
    tenant,
    'mutation($input: AddVariantInput!) { addVariant(input: $input) { variant { id } userErrors { code } } }',
    {
      input: {
        productId: createProduct.product.id,
        sku: `RT-${randomUUID().slice(0, 6)}`,
        name: 'Standard',
        prices: [{ amount: '49.90', currency: 'EUR' }],
      },
    },
  );
  const variantId = addVariant.variant.id as string;
  const { createStockLocation } = await call(
    tenant,
    'mutation($input: CreateStockLocationInput!) { createStockLocation(input: $input) { stockLocation { id } userErrors { code } } }',
    { input: { name: 'Shop', kind: 'SHOP' } },
  );
  const locationId = createStockLocation.stockLocation.id as string;
  await call(tenant, 'mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { userErrors { code } } }', {
    input: { variantId, locationId, quantity: 5 },
  });
  const { placeOrder } = await call(
    tenant,
    'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id number } userErrors { code } } }',
    {
      input: { contactId, currency: 'EUR', locationId, lines: [{ variantId, quantity: 2 }] },
    },
  );
  return {
    contactId,
    appointmentId: requestAppointment.appointment.id as string,
    orderId: placeOrder.order.id as string,
    variantId,
    locationId,
  };
}

describe('CustomerDashboard', () => {
  it('resolves the customer across CRM, invoicing, projects, booking and commerce in one request, and nothing for another tenant', async () => {
    const a = await signUp();
    const { contactId, orderId } = await customerWithEverything(a);
    // Let the background work settle first (the order's invoice), so only the query is counted.
    await eventually(
      () => call(a, `query($id: ID!) { contact(id: $id) { invoices(status: [DRAFT]) { id } } }`, { id: contactId }),
      (data) => data.contact.invoices.length > 0,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const counter of Object.values(platform.sql)) counter.reset();
    const { contact } = await call(a, contract.CustomerDashboard, { id: contactId });
    const statements = Object.fromEntries(
      ['crm', 'invoicing', 'projects', 'booking', 'commerce'].map((name) => [name, platform.sql[name]?.data ?? -1]),
    );
    expect(contact).toMatchObject({
      id: contactId,
      name: 'Nina Network',
      email: 'nina@example.com',
      company: { name: 'Net Co' },
      deals: [{ title: 'Rollout', stage: 'PROPOSAL', amount: { amount: '900.00', currency: 'EUR' } }],
      outstandingBalance: { amount: '300.00', currency: 'EUR' },
      // SENT, PARTIALLY_PAID or OVERDUE only: the order's DRAFT invoice is not listed.
      invoices: [{ status: 'SENT', amountDue: { amount: '300.00', currency: 'EUR' } }],
      projects: [{ name: 'Network rollout', status: 'PLANNED', openTaskCount: 1 }],
      appointments: [{ status: 'REQUESTED', service: { name: 'Consultation' } }],
      orders: [{ id: orderId, status: 'UNCONFIRMED', total: { amount: '99.80', currency: 'EUR' } }],
    });
    process.stdout.write(`CustomerDashboard: data statements per module ${JSON.stringify(statements)}\n`);
    // Each module answers its part with a fixed, small number of statements (batched references).
    for (const count of Object.values(statements)) expect(count).toBeGreaterThan(0);
    expect(Object.values(statements).reduce((sum, count) => sum + count, 0)).toBeLessThanOrEqual(12);

    const b = await signUp();
    const seenByB = await call(b, contract.CustomerDashboard, { id: contactId });
    expect(seenByB.contact).toBeNull();
    const everything = await call(
      b,
      `{ projects(first: 5) { totalCount } orders(first: 5) { totalCount } appointments(first: 5) { totalCount } invoices(first: 5) { totalCount } contacts(first: 5) { totalCount } }`,
    );
    expect(Object.values(everything).map((connection: any) => connection.totalCount)).toEqual([0, 0, 0, 0, 0]);
  });

  it('an order placed for a customer becomes a DRAFT invoice through the event flow', async () => {
    const a = await signUp();
    const { contactId } = await customerWithEverything(a);
    const invoices = await eventually(
      () => call(a, `query($id: ID!) { contact(id: $id) { invoices(status: [DRAFT]) { total { amount currency } } } }`, { id: contactId }),
      (data) => data.contact.invoices.length > 0,
    );
    expect(invoices.contact.invoices).toEqual([{ total: { amount: '99.80', currency: 'EUR' } }]);
  });
});
