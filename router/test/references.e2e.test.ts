/**
 * References stay inside the tenant, end to end (issue 12 item 5): every module that stores another
 * module's ids (contacts, deals, employees) keeps its own replica of them, fed by crm's and hr's
 * events through the real relay and JetStream, and refuses an id the caller's tenant does not have,
 * without calling crm or hr. A tenant's own fresh contact is usable at once (the check waits briefly
 * for the replica); another tenant's is refused, and nothing is stored.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, ok, signUpTenant, startPlatform, type Platform } from './platform.js';

let platform: Platform;
const signUp = async (companyName: string) => (await signUpTenant(platform.url, companyName)).token;

let a: string;
let b: string;
beforeAll(async () => {
  platform = await startPlatform();
  [a, b] = [await signUp('Alpha'), await signUp('Beta')];
});
afterAll(() => platform?.stop());

const call = (token: string, query: string, variables: Record<string, unknown> = {}) =>
  gql(platform.url, query, variables, token).then(ok<any>);

/** One mutation's payload: `<field> { <object> { id } userErrors { code field message } }`. */
async function mutation(token: string, field: string, inputType: string, object: string, input: Record<string, unknown>) {
  const data = await call(
    token,
    `mutation($input: ${inputType}!) { ${field}(input: $input) { ${object} { id } userErrors { code field message } } }`,
    { input },
  );
  return data[field] as { userErrors: { code: string; field: string[]; message: string }[] } & Record<string, { id: string } | null>;
}

const line = { description: 'Work', quantity: '1', unitPrice: '100' };

describe('references to contacts, deals and employees', () => {
  it("uses a tenant's own just-created contact, deal and employee at once, and refuses them to every other tenant", async () => {
    const contact = (await mutation(a, 'createContact', 'CreateContactInput', 'contact', { name: 'Ada Customer' })).contact!.id;
    const employee = (
      await mutation(a, 'hireEmployee', 'HireEmployeeInput', 'employee', { name: 'Eve', email: `eve-${randomUUID()}@example.com` })
    ).employee!.id;
    const deal = (
      await mutation(a, 'createDeal', 'CreateDealInput', 'deal', {
        title: 'Website',
        contactId: contact,
        amount: { amount: '1000', currency: 'EUR' },
        ownerId: employee,
      })
    ).deal!.id;

    // The owner: the moment after crm and hr recorded them, before anyone waited for events.
    const invoice = await mutation(a, 'createInvoice', 'CreateInvoiceInput', 'invoice', {
      contactId: contact,
      dealId: deal,
      currency: 'EUR',
      lines: [line],
    });
    expect(invoice.userErrors).toEqual([]);
    expect(invoice.invoice).not.toBeNull();
    const project = await mutation(a, 'createProject', 'CreateProjectInput', 'project', { name: 'Relaunch', contactId: contact });
    expect(project.userErrors).toEqual([]);
    const resource = await mutation(a, 'createResource', 'CreateResourceInput', 'resource', {
      name: 'Eve',
      kind: 'STAFF',
      employeeId: employee,
      timeZone: 'Europe/Berlin',
    });
    expect(resource.userErrors).toEqual([]);

    // Another tenant, naming A's ids in every module that stores them: refused with the field, nothing stored.
    const notFound = (field: string, what: string) => [{ code: 'NOT_FOUND', field: ['input', field], message: `No such ${what}` }];
    const attempts = await Promise.all([
      mutation(b, 'createDeal', 'CreateDealInput', 'deal', {
        title: 'Theirs',
        contactId: (await mutation(b, 'createContact', 'CreateContactInput', 'contact', { name: 'Bob' })).contact!.id,
        amount: { amount: '10', currency: 'EUR' },
        ownerId: employee,
      }),
      mutation(b, 'createInvoice', 'CreateInvoiceInput', 'invoice', { contactId: contact, currency: 'EUR', lines: [line] }),
      mutation(b, 'createProject', 'CreateProjectInput', 'project', { name: 'Theirs', contactId: contact }),
      mutation(b, 'placeOrder', 'PlaceOrderInput', 'order', {
        contactId: contact,
        currency: 'EUR',
        lines: [{ variantId: randomUUID(), quantity: 1 }],
      }),
      mutation(b, 'requestAppointment', 'RequestAppointmentInput', 'appointment', {
        serviceId: randomUUID(),
        resourceId: randomUUID(),
        contactId: contact,
        startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      }),
      mutation(b, 'createResource', 'CreateResourceInput', 'resource', {
        name: 'Eve',
        kind: 'STAFF',
        employeeId: employee,
        timeZone: 'Europe/Berlin',
      }),
      mutation(b, 'assignDriver', 'AssignDriverInput', 'vehicle', { vehicleId: randomUUID(), employeeId: employee }),
    ]);
    const [ownerDeal, foreignInvoice, foreignProject, order, appointment, foreignResource, driver] = attempts;
    expect(ownerDeal.userErrors).toEqual(notFound('ownerId', 'employee'));
    expect(foreignInvoice.userErrors).toEqual(notFound('contactId', 'contact'));
    expect(foreignProject.userErrors).toEqual(notFound('contactId', 'contact'));
    expect(order.userErrors).toEqual(notFound('contactId', 'contact'));
    expect(appointment.userErrors).toEqual(notFound('contactId', 'contact'));
    expect(foreignResource.userErrors).toEqual(notFound('employeeId', 'employee'));
    expect(driver.userErrors).toEqual(notFound('employeeId', 'employee'));
    // Mutations never succeed with a null object: each refused one returns no object and says why.
    for (const attempt of attempts) expect(Object.values(attempt).filter((value) => value !== attempt.userErrors)).toEqual([null]);

    // B's own contact with A's deal: the deal is A's, so it is refused too.
    const bobs = (await mutation(b, 'createContact', 'CreateContactInput', 'contact', { name: 'Bob 2' })).contact!.id;
    const withDeal = await mutation(b, 'createInvoice', 'CreateInvoiceInput', 'invoice', {
      contactId: bobs,
      dealId: deal,
      currency: 'EUR',
      lines: [line],
    });
    expect(withDeal.userErrors).toEqual(notFound('dealId', 'deal'));

    const counts = await call(
      b,
      '{ deals(first: 1) { totalCount } invoices(first: 1) { totalCount } projects(first: 1) { totalCount } orders(first: 1) { totalCount } }',
    );
    expect(counts).toEqual({
      deals: { totalCount: 0 },
      invoices: { totalCount: 0 },
      projects: { totalCount: 0 },
      orders: { totalCount: 0 },
    });
  });

  it('refuses a contact once crm deleted it', async () => {
    const contact = (await mutation(a, 'createContact', 'CreateContactInput', 'contact', { name: 'Gone Soon' })).contact!.id;
    expect(
      (await mutation(a, 'createProject', 'CreateProjectInput', 'project', { name: 'Before', contactId: contact })).userErrors,
    ).toEqual([]);
    await call(a, 'mutation($input: DeleteContactInput!) { deleteContact(input: $input) { deletedContactId userErrors { code } } }', {
      input: { contactId: contact },
    });
    // The deletion reaches projects through the stream: bounded wait until it is refused.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const attempt = await mutation(a, 'createProject', 'CreateProjectInput', 'project', { name: 'After', contactId: contact });
      if (attempt.userErrors.length > 0) {
        expect(attempt).toEqual({
          project: null,
          userErrors: [{ code: 'NOT_FOUND', field: ['input', 'contactId'], message: 'No such contact' }],
        });
        break;
      }
      if (Date.now() > deadline) throw new Error('the deletion never reached projects');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });
});
