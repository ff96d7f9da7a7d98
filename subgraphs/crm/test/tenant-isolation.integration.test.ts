import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCallerContext, INTERNAL_CONTEXT_HEADER } from '@tessera/service-kit';
import {
  anonymousCaller,
  callSubgraph,
  newCaller,
  resolveEntities,
  USER_ERRORS,
  mutate,
  query,
} from '../../../packages/testkit/src/index.js';
import {
  countRows,
  createContact,
  createDeal,
  startCrm,
  type RunningCrm,
  type CrmData,
  type ContactPayload,
  type DealPayload,
  type DeleteContactPayload,
} from './harness.js';

let crm: RunningCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(async () => {
  await crm.stop();
});

/** Two fresh tenants; A has a company, a contact and an open deal, B has nothing. */
async function seedA() {
  const tenantA = newCaller();
  const tenantB = newCaller();
  const contact = await createContact(crm.url, tenantA, {
    name: 'Secret Sam',
    email: 'sam@secret.example',
    companyName: 'Hidden Holdings',
  });
  const deal = await createDeal(crm.url, tenantA, {
    title: 'Secret deal',
    contactId: contact.id,
    amount: { amount: '500', currency: 'EUR' },
  });
  return { tenantA, tenantB, contact, company: contact.company!, deal };
}

describe('tenant isolation', () => {
  it('B cannot read A’s rows by id, in lists, in search or through _entities', async () => {
    const a = await seedA();
    const { tenantA, tenantB } = a;
    const read = await query<CrmData>(
      crm.url,
      tenantB,
      `query($contact: ID!, $deal: ID!, $company: ID!) {
        contact(id: $contact) { id }
        deal(id: $deal) { id }
        company(id: $company) { id }
        contacts { totalCount edges { node { id } } }
        searched: contacts(filter: { search: "secret" }) { totalCount }
        companies { totalCount }
        companiesSearched: companies(filter: { search: "hidden" }) { totalCount }
        deals { totalCount }
        dealsOfContact: deals(filter: { contactId: $contact }) { totalCount }
      }`,
      { contact: a.contact.id, deal: a.deal.id, company: a.company.id },
    );
    expect(read).toEqual({
      contact: null,
      deal: null,
      company: null,
      contacts: { totalCount: 0, edges: [] },
      searched: { totalCount: 0 },
      companies: { totalCount: 0 },
      companiesSearched: { totalCount: 0 },
      deals: { totalCount: 0 },
      dealsOfContact: { totalCount: 0 },
    });
    const entities = await resolveEntities(
      crm.url,
      tenantB,
      [
        { __typename: 'Contact', id: a.contact.id },
        { __typename: 'Deal', id: a.deal.id },
        { __typename: 'Company', id: a.company.id },
      ],
      '... on Contact { id name } ... on Deal { id title } ... on Company { id name }',
    );
    expect(entities.errors).toBeUndefined();
    expect(entities.data?._entities).toEqual([null, null, null]);
    // A itself sees all of it (the test would pass vacuously otherwise).
    const own = await resolveEntities(
      crm.url,
      tenantA,
      [{ __typename: 'Contact', id: a.contact.id }],
      '... on Contact { name deals { title } }',
    );
    expect(own.data?._entities).toEqual([{ name: 'Secret Sam', deals: [{ title: 'Secret deal' }] }]);
  });

  it('B cannot update, delete, create a deal on, or move A’s rows', async () => {
    const a = await seedA();
    const { tenantA, tenantB } = a;
    const before = await countRows(crm.db, tenantA.tenantId);
    const update = await mutate<ContactPayload>(crm.url, tenantB, 'updateContact', `contact { id } ${USER_ERRORS}`, {
      contactId: a.contact.id,
      name: 'Hijacked',
    });
    expect(update).toEqual({
      contact: null,
      userErrors: [{ code: 'NOT_FOUND', field: ['input', 'contactId'], message: 'No such contact' }],
    });
    const del = await mutate<DeleteContactPayload>(crm.url, tenantB, 'deleteContact', `deletedContactId ${USER_ERRORS}`, {
      contactId: a.contact.id,
    });
    expect(del.userErrors.map((e: { code: string }) => e.code)).toEqual(['NOT_FOUND']);
    const deal = await mutate<DealPayload>(crm.url, tenantB, 'createDeal', `deal { id } ${USER_ERRORS}`, {
      title: 'Parasite',
      contactId: a.contact.id,
      amount: { amount: '1', currency: 'EUR' },
    });
    expect(deal).toEqual({ deal: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'contactId'], message: 'No such contact' }] });
    for (const [name, type, input] of [
      ['markDealWon', 'MarkDealWonInput', { dealId: a.deal.id }],
      ['markDealLost', 'MarkDealLostInput', { dealId: a.deal.id }],
      ['updateDealStage', 'UpdateDealStageInput', { dealId: a.deal.id, stage: 'PROPOSAL' }],
    ] as const) {
      const payload = await mutate<DealPayload>(crm.url, tenantB, name, `deal { id } ${USER_ERRORS}`, input, type);
      expect(payload, name).toEqual({
        deal: null,
        userErrors: [{ code: 'NOT_FOUND', field: ['input', 'dealId'], message: 'No such deal' }],
      });
    }
    // B's contact at a company of the same name gets B's own company.
    const bContact = await createContact(crm.url, tenantB, { name: 'Bee', companyName: 'Hidden Holdings' });
    expect(bContact.company?.id).not.toBe(a.company.id);

    expect(await countRows(crm.db, tenantA.tenantId)).toEqual(before);
    expect(await countRows(crm.db, tenantB.tenantId)).toEqual({ companies: 1, contacts: 1, deals: 0 });
    const aView = await query<CrmData>(crm.url, tenantA, `query($c: ID!, $d: ID!) { contact(id: $c) { name } deal(id: $d) { stage } }`, {
      c: a.contact.id,
      d: a.deal.id,
    });
    expect(aView).toEqual({ contact: { name: 'Secret Sam' }, deal: { stage: 'LEAD' } });
  });

  it('the database itself refuses cross-tenant rows (row-level security, composite foreign keys)', async () => {
    const a = await seedA();
    const { tenantA, tenantB } = a;
    const asB = <T>(work: (tx: Parameters<Parameters<RunningCrm['db']['$transaction']>[0]>[0]) => Promise<T>) =>
      crm.db.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT set_config('tessera.tenant_id', ${tenantB.tenantId}, true)`;
        return work(tx);
      });
    // Without a tenant filter in the query, RLS still shows B nothing of A's.
    expect(await asB((tx) => tx.contact.findMany({ where: { id: a.contact.id } }))).toEqual([]);
    // B cannot write a row for A (WITH CHECK) ...
    await expect(asB((tx) => tx.contact.create({ data: { tenantId: tenantA.tenantId, name: 'Planted' } }))).rejects.toThrow();
    // ... nor point its own deal at A's contact (FOREIGN KEY (tenant_id, contact_id)).
    await expect(
      asB((tx) =>
        tx.deal.create({ data: { tenantId: tenantB.tenantId, title: 'x', amount: '1', currency: 'EUR', contactId: a.contact.id } }),
      ),
    ).rejects.toThrow(/foreign key|Foreign key/);
    // Outside a tenant transaction the app role sees no rows at all.
    const [{ count }] = await crm.db.$queryRaw<{ count: bigint }[]>`SELECT count(*) AS count FROM contacts`;
    expect(Number(count)).toBe(0);
  });
});

describe('authentication', () => {
  const LIST = '{ contacts { totalCount } }';

  it('answers 401 without a signed context, or with a forged one', async () => {
    const missing = await callSubgraph(crm.url, null, LIST);
    expect(missing.status).toBe(401);
    expect(missing.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await fetch(crm.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_CONTEXT_HEADER]: signCallerContext(newCaller(), 'x'.repeat(40)) },
      body: JSON.stringify({ query: LIST }),
    });
    expect(forged.status).toBe(401);
    const entities = await callSubgraph(crm.url, null, 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }', {
      r: [{ __typename: 'Contact', id: randomUUID() }],
    });
    expect(entities.status).toBe(401);
  });

  it('refuses a signed context without a tenant', async () => {
    const response = await callSubgraph(crm.url, anonymousCaller(), LIST);
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('pooled connections', () => {
  it('a connection reused right after tenant A’s request carries nothing over to B', async () => {
    const single = await startCrm({ poolMax: 1 });
    try {
      const a = newCaller();
      const b = newCaller();
      const [{ pid: pidBefore }] = await single.db.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
      const contact = await createContact(single.url, a, { name: 'Pool Person', companyName: 'Pool Co' });
      const seenByA = await query<CrmData>(single.url, a, '{ contacts { totalCount } }');
      expect(seenByA.contacts.totalCount).toBe(1);
      const seenByB = await query<CrmData>(
        single.url,
        b,
        `query($id: ID!) { contacts { totalCount } companies { totalCount } contact(id: $id) { id } }`,
        { id: contact.id },
      );
      expect(seenByB).toEqual({ contacts: { totalCount: 0 }, companies: { totalCount: 0 }, contact: null });
      const [row] = await single.db.$queryRaw<{ tenant: string | null; pid: number; contacts: bigint }[]>`
        SELECT current_setting('tessera.tenant_id', true) AS tenant, pg_backend_pid() AS pid, (SELECT count(*) FROM contacts) AS contacts`;
      expect(row!.pid).toBe(pidBefore);
      expect(row!.tenant ?? '').toBe('');
      expect(Number(row!.contacts)).toBe(0);
    } finally {
      await single.stop();
    }
  });
});
