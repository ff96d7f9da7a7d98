/**
 * Changes since through the router (issue 15 item 5): each list field integrators sync takes
 * `updatedSince` and returns the caller's tenant's changes since then, oldest change first, with
 * cursors; another tenant sees none of them.
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
  [a, b] = [await signUp('Sync Co'), await signUp('Other Co')];
});
afterAll(() => platform?.stop());

const call = (token: string, query: string, variables: Record<string, unknown> = {}) =>
  gql(platform.url, query, variables, token).then(ok<any>);
const create = async (token: string, field: string, type: string, object: string, input: Record<string, unknown>) => {
  const data = await call(
    token,
    `mutation($input: ${type}!) { ${field}(input: $input) { ${object} { id } userErrors { code message } } }`,
    { input },
  );
  expect(data[field].userErrors).toEqual([]);
  return data[field][object].id as string;
};

const FIELDS = ['contacts', 'deals', 'invoices', 'employees', 'orders', 'appointments', 'projects', 'vehicles'] as const;
const SYNC = `query($since: DateTime) { ${FIELDS.map(
  (field) => `${field}(updatedSince: $since, first: 100) { totalCount pageInfo { endCursor } edges { cursor node { id updatedAt } } }`,
).join(' ')} }`;

describe('updatedSince on every synced list', () => {
  it("returns what changed since, with updatedAt, for the caller's tenant only", async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const contact = await create(a, 'createContact', 'CreateContactInput', 'contact', { name: 'Ada' });
    const made = {
      contacts: [contact],
      deals: [
        await create(a, 'createDeal', 'CreateDealInput', 'deal', {
          title: 'Deal',
          contactId: contact,
          amount: { amount: '5', currency: 'EUR' },
        }),
      ],
      invoices: [
        await create(a, 'createInvoice', 'CreateInvoiceInput', 'invoice', {
          contactId: contact,
          currency: 'EUR',
          lines: [{ description: 'Work', quantity: '1', unitPrice: '5' }],
        }),
      ],
      employees: [
        await create(a, 'hireEmployee', 'HireEmployeeInput', 'employee', { name: 'Eve', email: `eve-${randomUUID()}@example.com` }),
      ],
      orders: [] as string[],
      appointments: [] as string[],
      projects: [await create(a, 'createProject', 'CreateProjectInput', 'project', { name: 'P', contactId: contact })],
      vehicles: [
        await create(a, 'createVehicle', 'CreateVehicleInput', 'vehicle', {
          plate: 'B-SY 1',
          vin: '1HGCM82633A004352',
          make: 'VW',
          model: 'ID.3',
          year: 2024,
          odometer: 10,
          odometerUnit: 'KM',
        }),
      ],
    };
    // Changes show once they have settled (a moment behind now): bounded wait.
    const deadline = Date.now() + 20_000;
    let seen: any;
    for (;;) {
      seen = await call(a, SYNC, { since });
      const complete = FIELDS.every((field) => seen[field].totalCount === made[field].length);
      if (complete || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    for (const field of FIELDS) {
      expect(
        seen[field].edges.map((edge: { node: { id: string } }) => edge.node.id),
        field,
      ).toEqual(made[field]);
      for (const edge of seen[field].edges) expect(Date.parse(edge.node.updatedAt), field).toBeGreaterThanOrEqual(Date.parse(since));
    }
    const other = await call(b, SYNC, { since });
    for (const field of FIELDS) expect(other[field].totalCount, field).toBe(0);
  });
});
