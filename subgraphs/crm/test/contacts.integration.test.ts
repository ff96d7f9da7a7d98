import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaller, USER_ERRORS, mutate, query } from '../../../packages/testkit/src/index.js';
import {
  CONTACT_FIELDS,
  countRows,
  createContact,
  createDeal,
  startCrm,
  type RunningCrm,
  type CompanyShape,
  type ConnectionShape,
  type CrmData,
  type ContactPayload,
  type CompanyPayload,
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

const CONTACT_PAYLOAD = `contact { ${CONTACT_FIELDS} } ${USER_ERRORS}`;

describe('createContact', () => {
  it('stores the email lower-case and trims the fields', async () => {
    const caller = newCaller();
    const payload = await mutate<ContactPayload>(crm.url, caller, 'createContact', CONTACT_PAYLOAD, {
      name: '  Ada Lovelace ',
      email: ' Ada@Example.COM ',
      phone: ' +44 20 7946 0000 ',
    });
    expect(payload.userErrors).toEqual([]);
    expect(payload.contact).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com', phone: '+44 20 7946 0000', company: null });
    expect(new Date(payload.contact.createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const read = await query<CrmData>(crm.url, caller, `query($id: ID!) { contact(id: $id) { ${CONTACT_FIELDS} } }`, {
      id: payload.contact.id,
    });
    expect(read.contact).toEqual(payload.contact);
  });

  it('refuses an invalid email, phone or empty name and changes nothing', async () => {
    const caller = newCaller();
    const payload = await mutate<ContactPayload>(crm.url, caller, 'createContact', CONTACT_PAYLOAD, {
      name: '   ',
      email: 'not-an-email',
      phone: 'call me',
      companyName: 'Acme',
    });
    expect(payload.contact).toBeNull();
    expect(payload.userErrors.map((e) => [e.code, e.field])).toEqual([
      ['INVALID', ['input', 'name']],
      ['INVALID_EMAIL', ['input', 'email']],
      ['INVALID_PHONE', ['input', 'phone']],
    ]);
    expect(await countRows(crm.db, caller.tenantId)).toEqual({ companies: 0, contacts: 0, deals: 0 });
  });

  it('finds the company by name ignoring case, or creates it, in the same transaction', async () => {
    const caller = newCaller();
    const first = await createContact(crm.url, caller, { name: 'Grace', companyName: 'Acme Corp' });
    const second = await createContact(crm.url, caller, { name: 'Linus', companyName: '  ACME corp ' });
    const third = await createContact(crm.url, caller, { name: 'Ken', companyName: 'Initech' });
    expect(first.company?.name).toBe('Acme Corp');
    expect(second.company).toEqual(first.company);
    expect(third.company?.id).not.toBe(first.company?.id);
    expect(await countRows(crm.db, caller.tenantId)).toEqual({ companies: 2, contacts: 3, deals: 0 });
  });

  it('creates one company when two contacts with a new company name are created at once', async () => {
    const caller = newCaller();
    const contacts = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        createContact(crm.url, caller, { name: `Person ${i}`, companyName: i % 2 ? 'Umbrella' : 'UMBRELLA' }),
      ),
    );
    expect(new Set(contacts.map((c) => c.company?.id)).size).toBe(1);
    expect((await countRows(crm.db, caller.tenantId)).companies).toBe(1);
  });

  it('rolls the new company back when the contact cannot be stored', async () => {
    const caller = newCaller();
    const payload = await mutate<ContactPayload>(crm.url, caller, 'createContact', CONTACT_PAYLOAD, {
      name: 'x'.repeat(201),
      companyName: 'Never Created',
    });
    expect(payload.userErrors[0]).toMatchObject({ code: 'INVALID', field: ['input', 'name'] });
    expect(await countRows(crm.db, caller.tenantId)).toEqual({ companies: 0, contacts: 0, deals: 0 });
  });
});

describe('updateContact', () => {
  it('changes only the given fields; null clears email, phone and company', async () => {
    const caller = newCaller();
    const contact = await createContact(crm.url, caller, { name: 'Ada', email: 'ada@example.com', phone: '123 456', companyName: 'Acme' });
    const renamed = await mutate<ContactPayload>(crm.url, caller, 'updateContact', CONTACT_PAYLOAD, {
      contactId: contact.id,
      name: 'Ada King',
      email: 'ADA.KING@Example.com',
    });
    expect(renamed.userErrors).toEqual([]);
    expect(renamed.contact).toMatchObject({ name: 'Ada King', email: 'ada.king@example.com', phone: '123 456', company: { name: 'Acme' } });
    expect(new Date(renamed.contact.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(renamed.contact.createdAt).getTime());

    const cleared = await mutate<ContactPayload>(crm.url, caller, 'updateContact', CONTACT_PAYLOAD, {
      contactId: contact.id,
      email: null,
      phone: null,
      companyName: null,
    });
    expect(cleared.contact).toMatchObject({ name: 'Ada King', email: null, phone: null, company: null });

    const moved = await mutate<ContactPayload>(crm.url, caller, 'updateContact', CONTACT_PAYLOAD, {
      contactId: contact.id,
      companyName: 'acme',
    });
    expect(moved.contact.company).toEqual(contact.company);
  });

  it('refuses invalid fields and unknown ids and changes nothing', async () => {
    const caller = newCaller();
    const contact = await createContact(crm.url, caller, { name: 'Ada', email: 'ada@example.com' });
    const invalid = await mutate<ContactPayload>(crm.url, caller, 'updateContact', CONTACT_PAYLOAD, {
      contactId: contact.id,
      name: 'Ada Changed',
      email: 'broken@',
      companyName: 'Not Created Ltd',
    });
    expect(invalid.contact).toBeNull();
    expect(invalid.userErrors).toEqual([{ code: 'INVALID_EMAIL', field: ['input', 'email'], message: 'Email is not a valid address' }]);

    for (const contactId of ['01900000-0000-7000-8000-000000000000', 'not-a-uuid']) {
      const unknown = await mutate<ContactPayload>(crm.url, caller, 'updateContact', CONTACT_PAYLOAD, {
        contactId,
        companyName: 'Ghost Inc',
      });
      expect(unknown.userErrors.map((e: { code: string }) => e.code)).toEqual(['NOT_FOUND']);
      expect(unknown.userErrors[0].field).toEqual(['input', 'contactId']);
    }
    const read = await query<CrmData>(crm.url, caller, `query($id: ID!) { contact(id: $id) { name email } }`, { id: contact.id });
    expect(read.contact).toEqual({ name: 'Ada', email: 'ada@example.com' });
    expect(await countRows(crm.db, caller.tenantId)).toEqual({ companies: 0, contacts: 1, deals: 0 });
  });
});

describe('deleteContact', () => {
  const DELETE = `deletedContactId ${USER_ERRORS}`;

  it('deletes a contact without deals: it disappears from contact(id), lists and search', async () => {
    const caller = newCaller();
    const contact = await createContact(crm.url, caller, { name: 'Temporary Person', companyName: 'Gone Co' });
    const payload = await mutate<DeleteContactPayload>(crm.url, caller, 'deleteContact', DELETE, { contactId: contact.id });
    expect(payload).toEqual({ deletedContactId: contact.id, userErrors: [] });
    const read = await query<CrmData>(
      crm.url,
      caller,
      `query($id: ID!, $company: ID!) {
        contact(id: $id) { id }
        contacts(filter: { search: "Temporary" }) { totalCount edges { node { id } } }
        company(id: $company) { contacts { id } }
      }`,
      { id: contact.id, company: contact.company!.id },
    );
    expect(read).toEqual({ contact: null, contacts: { totalCount: 0, edges: [] }, company: { contacts: [] } });
    const again = await mutate<DeleteContactPayload>(crm.url, caller, 'deleteContact', DELETE, { contactId: contact.id });
    expect(again.userErrors.map((e: { code: string }) => e.code)).toEqual(['NOT_FOUND']);
  });

  it('refuses with CONTACT_HAS_DEALS while a deal is open, and allows it once the deals are closed', async () => {
    const caller = newCaller();
    const contact = await createContact(crm.url, caller, { name: 'Busy Buyer' });
    const deal = await createDeal(crm.url, caller, { title: 'Big one', contactId: contact.id, amount: { amount: '100', currency: 'EUR' } });
    const refused = await mutate<DeleteContactPayload>(crm.url, caller, 'deleteContact', DELETE, { contactId: contact.id });
    expect(refused.deletedContactId).toBeNull();
    expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'CONTACT_HAS_DEALS', field: ['input', 'contactId'] })]);
    const still = await query<CrmData>(crm.url, caller, `query($id: ID!) { contact(id: $id) { id } }`, { id: contact.id });
    expect(still.contact).toEqual({ id: contact.id });

    await mutate<DealPayload>(crm.url, caller, 'markDealLost', `deal { stage } ${USER_ERRORS}`, { dealId: deal.id, reason: 'Budget' });
    const deleted = await mutate<DeleteContactPayload>(crm.url, caller, 'deleteContact', DELETE, { contactId: contact.id });
    expect(deleted).toEqual({ deletedContactId: contact.id, userErrors: [] });
    // The closed deal keeps its contact: other records (and modules) still resolve it.
    const kept = await query<CrmData>(crm.url, caller, `query($id: ID!) { deal(id: $id) { stage contact { id name } } }`, { id: deal.id });
    expect(kept.deal).toEqual({ stage: 'LOST', contact: { id: contact.id, name: 'Busy Buyer' } });
  });
});

describe('companies', () => {
  const COMPANY_PAYLOAD = `company { id name domain } ${USER_ERRORS}`;

  it('creates companies with unique names per tenant, ignoring case', async () => {
    const caller = newCaller();
    const created = await mutate<CompanyPayload>(crm.url, caller, 'createCompany', COMPANY_PAYLOAD, {
      name: 'Globex',
      domain: 'Globex.COM',
    });
    expect(created).toMatchObject({ company: { name: 'Globex', domain: 'globex.com' }, userErrors: [] });
    const duplicate = await mutate<CompanyPayload>(crm.url, caller, 'createCompany', COMPANY_PAYLOAD, { name: ' gLoBeX ' });
    expect(duplicate).toEqual({
      company: null,
      userErrors: [expect.objectContaining({ code: 'COMPANY_NAME_TAKEN', field: ['input', 'name'] })],
    });
    // Another tenant may use the same name.
    const other = await mutate<CompanyPayload>(crm.url, newCaller(), 'createCompany', COMPANY_PAYLOAD, { name: 'Globex' });
    expect(other.userErrors).toEqual([]);
    // createContact reuses it.
    const contact = await createContact(crm.url, caller, { name: 'Hank', companyName: 'GLOBEX' });
    expect(contact.company?.id).toBe(created.company.id);
    expect((await countRows(crm.db, caller.tenantId)).companies).toBe(1);
  });

  it('refuses an invalid name or domain', async () => {
    const caller = newCaller();
    const payload = await mutate<CompanyPayload>(crm.url, caller, 'createCompany', COMPANY_PAYLOAD, {
      name: '',
      domain: 'http://x/y',
    });
    expect(payload.userErrors.map((e: { code: string }) => e.code)).toEqual(['INVALID', 'INVALID_DOMAIN']);
    expect((await countRows(crm.db, caller.tenantId)).companies).toBe(0);
  });

  it('lists companies, searches name and domain, and lists a company’s contacts capped by first', async () => {
    const caller = newCaller();
    for (const [name, domain] of [
      ['Alpha Industries', 'alpha.io'],
      ['Beta Labs', 'betalabs.com'],
      ['Gamma', 'alpha-gamma.net'],
    ]) {
      await mutate<CompanyPayload>(crm.url, caller, 'createCompany', COMPANY_PAYLOAD, { name, domain });
    }
    const contacts = [];
    for (let i = 0; i < 4; i += 1)
      contacts.push(await createContact(crm.url, caller, { name: `Alpha person ${i}`, companyName: 'alpha industries' }));
    type Listed = CompanyShape & { all: { id: string }[] };
    const data = await query<{ all: ConnectionShape<CompanyShape>; alpha: ConnectionShape<Listed> }>(
      crm.url,
      caller,
      `{
        all: companies { totalCount edges { node { name } } }
        alpha: companies(filter: { search: "ALPHA" }) { totalCount edges { node { name contacts(first: 2) { name } all: contacts { id } } } }
      }`,
    );
    expect(data.all.totalCount).toBe(3);
    expect(data.all.edges.map((e: any) => e.node.name)).toEqual(['Alpha Industries', 'Beta Labs', 'Gamma']);
    expect(data.alpha.totalCount).toBe(2);
    expect(data.alpha.edges[0].node.name).toBe('Alpha Industries');
    expect(data.alpha.edges[0].node.contacts).toEqual([{ name: 'Alpha person 0' }, { name: 'Alpha person 1' }]);
    expect(data.alpha.edges[0].node.all.map((c: { id: string }) => c.id)).toEqual(contacts.map((c) => c.id));
    expect(data.alpha.edges[1].node).toEqual({ name: 'Gamma', contacts: [], all: [] });

    const tooMany = await query<CrmData>(crm.url, caller, '{ companies { edges { node { contacts(first: 101) { id } } } } }').catch(
      (e: Error) => e,
    );
    expect(String(tooMany)).toContain('first must be between 0 and 100');
  });
});

describe('contacts connection', () => {
  const LIST = `query($first: Int, $after: String, $search: String) {
    contacts(first: $first, after: $after, filter: { search: $search }) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id name email } }
    }
  }`;

  it('pages through all contacts oldest first with cursors', async () => {
    const caller = newCaller();
    const created = [];
    for (let i = 0; i < 7; i += 1) created.push(await createContact(crm.url, caller, { name: `Person ${i}` }));
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { contacts }: any = await query<CrmData>(crm.url, caller, LIST, { first: 3, after });
      expect(contacts.totalCount).toBe(7);
      expect(contacts.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(contacts.pageInfo.startCursor).toBe(contacts.edges[0]?.cursor ?? null);
      expect(contacts.pageInfo.endCursor).toBe(contacts.edges.at(-1)?.cursor ?? null);
      seen.push(...contacts.edges.map((e: any) => e.node.id));
      pages += 1;
      if (!contacts.pageInfo.hasNextPage) break;
      after = contacts.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(created.map((c) => c.id));
    const defaults = await query<CrmData>(crm.url, caller, LIST);
    expect(defaults.contacts.edges).toHaveLength(7);
  });

  it('refuses first above 100, a negative first and a forged cursor', async () => {
    const caller = newCaller();
    const { callSubgraph } = await import('../../../packages/testkit/src/index.js');
    const over = await callSubgraph(crm.url, caller, LIST, { first: 101 });
    expect(over.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(over.errors?.[0]?.message).toBe('first must be between 0 and 100');
    const negative = await callSubgraph(crm.url, caller, LIST, { first: -1 });
    expect(negative.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const forged = await callSubgraph(crm.url, caller, LIST, { after: Buffer.from('offset:10').toString('base64url') });
    expect(forged.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const hundred = await callSubgraph(crm.url, caller, LIST, { first: 100 });
    expect(hundred.errors).toBeUndefined();
  });

  it('searches name, email and company name ignoring case; wildcards match literally', async () => {
    const caller = newCaller();
    const ada = await createContact(crm.url, caller, { name: 'Ada Lovelace', email: 'ada@analytical.org' });
    const bob = await createContact(crm.url, caller, { name: 'Bob', email: 'bob@example.com', companyName: 'Lovelace Engines' });
    const carol = await createContact(crm.url, caller, { name: 'Carol', email: 'carol@ANALYTICAL.org' });
    const dan = await createContact(crm.url, caller, { name: '100% Dan_the_man' });
    const ids = async (search: string) =>
      (await query<CrmData>(crm.url, caller, LIST, { search })).contacts.edges.map((e: any) => e.node.id).sort();
    expect(await ids('lovelace')).toEqual([ada.id, bob.id].sort());
    expect(await ids('ANALYTICAL')).toEqual([ada.id, carol.id].sort());
    expect(await ids('engines')).toEqual([bob.id]);
    expect(await ids('%')).toEqual([dan.id]);
    expect(await ids('D_n')).toEqual([]);
    expect(await ids('_the_')).toEqual([dan.id]);
    expect(await ids('  ')).toHaveLength(4);
    const counted = await query<CrmData>(crm.url, caller, LIST, { search: 'lovelace', first: 1 });
    expect(counted.contacts.totalCount).toBe(2);
    expect(counted.contacts.pageInfo.hasNextPage).toBe(true);
  });
});
