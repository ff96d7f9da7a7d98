import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countSql, newCaller, resolveEntities, type SqlCounter, query } from '../../../packages/testkit/src/index.js';
import { startCrm, type RunningCrm, type CrmData } from './harness.js';

/**
 * What one request costs in SQL: with DataLoader, a plan step is one statement however many
 * parents it has. Each statement runs in its own tenant transaction (set_config and COMMIT are
 * counted apart as control statements; the driver adapter does not log BEGIN).
 */
let crm: RunningCrm;
let sql: SqlCounter;
const caller = newCaller();
const contactIds: string[] = [];
const dealIds: string[] = [];
const companyIds: string[] = [];

beforeAll(async () => {
  crm = await startCrm({ logQueries: true });
  sql = countSql(crm.db);
  // 50 contacts at 5 companies (every 5th contact has none), each with 2 deals, inserted directly.
  await crm.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('tessera.tenant_id', ${caller.tenantId}, true)`;
    for (let c = 0; c < 5; c += 1) {
      const company = await tx.company.create({
        data: { tenantId: caller.tenantId, name: `Company ${c}`, normalizedName: `company ${c}` },
      });
      companyIds.push(company.id);
    }
    for (let i = 0; i < 50; i += 1) {
      const companyId = i % 5 === 4 ? null : companyIds[i % 4]!;
      const contact = await tx.contact.create({ data: { tenantId: caller.tenantId, name: `Contact ${i}`, companyId } });
      contactIds.push(contact.id);
      for (let d = 0; d < 2; d += 1) {
        const deal = await tx.deal.create({
          data: { tenantId: caller.tenantId, title: `Deal ${i}.${d}`, amount: '10', currency: 'EUR', contactId: contact.id },
        });
        dealIds.push(deal.id);
      }
    }
  });
});
afterAll(async () => {
  await crm.stop();
});

async function measured<T>(work: () => Promise<T>): Promise<{ result: T; data: number; control: number }> {
  sql.reset();
  const result = await work();
  return { result, data: sql.data, control: sql.control };
}

describe('DataLoader batching', () => {
  it('_entities for 50 contacts with deals { id } and company { name } costs 3 data statements', async () => {
    const { result, data, control } = await measured(() =>
      resolveEntities(
        crm.url,
        caller,
        contactIds.map((id) => ({ __typename: 'Contact', id })),
        '... on Contact { id name deals { id } company { name } }',
      ),
    );
    expect(result.errors).toBeUndefined();
    const entities = result.data!._entities as { id: string; name: string; deals: { id: string }[]; company: { name: string } | null }[];
    expect(entities).toHaveLength(50);
    entities.forEach((contact, i) => {
      expect(contact.id).toBe(contactIds[i]);
      expect(contact.deals.map((d) => d.id)).toEqual([dealIds[2 * i], dealIds[2 * i + 1]]);
      expect(contact.company?.name ?? null).toBe(i % 5 === 4 ? null : `Company ${i % 4}`);
    });
    // contacts by id, deals by contact id, companies by id; each in its own tenant transaction
    // (set_config + COMMIT logged; the adapter does not log BEGIN)
    expect(data).toBe(3);
    expect(control).toBe(6);
  });

  it('costs the same 3 statements for 5 contacts as for 50', async () => {
    const { data } = await measured(() =>
      resolveEntities(
        crm.url,
        caller,
        contactIds.slice(0, 5).map((id) => ({ __typename: 'Contact', id })),
        '... on Contact { id deals { id } company { name } }',
      ),
    );
    expect(data).toBe(3);
  });

  it('_entities for 100 deals with contact { name company { name } } costs 3 data statements', async () => {
    const { result, data } = await measured(() =>
      resolveEntities(
        crm.url,
        caller,
        dealIds.map((id) => ({ __typename: 'Deal', id })),
        '... on Deal { id amount { amount } contact { name company { name } } }',
      ),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toHaveLength(100);
    expect(result.data!._entities[3]).toEqual({
      id: dealIds[3],
      amount: { amount: '10.00' },
      contact: { name: 'Contact 1', company: { name: 'Company 1' } },
    });
    // deals by id, contacts by id, companies by id
    expect(data).toBe(3);
  });

  it('a page of 50 contacts with their deals and companies costs 4 data statements', async () => {
    const { result, data } = await measured(() =>
      query<CrmData>(crm.url, caller, '{ contacts(first: 50) { totalCount edges { node { id deals { id } company { name } } } } }'),
    );
    expect(result.contacts.totalCount).toBe(50);
    expect(result.contacts.edges.map((e: any) => e.node.id)).toEqual(contactIds);
    // page, count, deals by contact id, companies by id
    expect(data).toBe(4);
  });

  it('companies with their first 3 contacts each cost 3 data statements (one LATERAL query for all companies)', async () => {
    const { result, data } = await measured(() =>
      query<CrmData>(crm.url, caller, '{ companies { edges { node { name contacts(first: 3) { name } } } } }'),
    );
    expect(result.companies.edges.map((e: any) => [e.node.name, e.node.contacts.map((c: any) => c.name)])).toEqual([
      ['Company 0', ['Contact 0', 'Contact 8', 'Contact 12']],
      ['Company 1', ['Contact 1', 'Contact 5', 'Contact 13']],
      ['Company 2', ['Contact 2', 'Contact 6', 'Contact 10']],
      ['Company 3', ['Contact 3', 'Contact 7', 'Contact 11']],
      ['Company 4', []],
    ]);
    // page, count, contacts of the companies
    expect(data).toBe(3);
  });
});
