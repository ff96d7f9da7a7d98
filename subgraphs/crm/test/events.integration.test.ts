import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox, parseEnvelope, type EventEnvelope, type EventType, type NewEvent, type SqlExecutor } from '@tessera/events';
import { callSubgraph, newCaller, USER_ERRORS, mutate, query } from '../../../packages/testkit/src/index.js';
import {
  CONTACT_FIELDS,
  countRows,
  createContact,
  createDeal,
  DEAL_FIELDS,
  outboxRows,
  startCrm,
  TEST_NAMESPACE,
  type RunningCrm,
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

type Caller = ReturnType<typeof newCaller>;
type Row = Awaited<ReturnType<typeof outboxRows>>[number];

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const CONTACT_PAYLOAD = `contact { ${CONTACT_FIELDS} } ${USER_ERRORS}`;
const DEAL_PAYLOAD = `deal { ${DEAL_FIELDS} } ${USER_ERRORS}`;

const codesOf = (payload: { userErrors: { code: string }[] }) => payload.userErrors.map((error) => error.code);

const createCompany = (caller: Caller, input: Record<string, unknown>) =>
  mutate<CompanyPayload>(crm.url, caller, 'createCompany', `company { id name domain } ${USER_ERRORS}`, input);
const updateContact = (caller: Caller, input: Record<string, unknown>) =>
  mutate<ContactPayload>(crm.url, caller, 'updateContact', CONTACT_PAYLOAD, input);
const deleteContact = (caller: Caller, contactId: string) =>
  mutate<DeleteContactPayload>(crm.url, caller, 'deleteContact', `deletedContactId ${USER_ERRORS}`, { contactId });
const createDealPayload = (caller: Caller, input: Record<string, unknown>) =>
  mutate<DealPayload>(crm.url, caller, 'createDeal', DEAL_PAYLOAD, input);
const moveDeal = (caller: Caller, dealId: string, stage: string) =>
  mutate<DealPayload>(crm.url, caller, 'updateDealStage', DEAL_PAYLOAD, { dealId, stage });
const markWon = (caller: Caller, dealId: string) => mutate<DealPayload>(crm.url, caller, 'markDealWon', DEAL_PAYLOAD, { dealId });
const markLost = (caller: Caller, dealId: string, reason?: string | null) =>
  mutate<DealPayload>(crm.url, caller, 'markDealLost', DEAL_PAYLOAD, reason === undefined ? { dealId } : { dealId, reason });

/** The tenant's outbox rows recorded after `before` (a previous read of them). */
async function rowsSince(tenantId: string, before: readonly Row[]): Promise<Row[]> {
  const rows = await outboxRows(crm.db, tenantId);
  expect(rows.slice(0, before.length)).toEqual(before);
  return rows.slice(before.length);
}

/**
 * Checks one outbox row: unpublished, of the caller's tenant, of `type` about `subjectId`, under the
 * subject of its type and tenant, carrying a valid envelope that matches the row. Returns the envelope.
 */
function expectEvent(row: Row | undefined, tenantId: string, type: EventType, subjectId: string): EventEnvelope {
  expect(row).toBeDefined();
  const rest = type.slice('crm.'.length);
  expect(row).toMatchObject({ tenantId, type, subjectId, subject: `${TEST_NAMESPACE}.crm.${tenantId}.${rest}`, publishedAt: null });
  const envelope = parseEnvelope(row!.envelope);
  expect(envelope).toMatchObject({ id: row!.id, type, version: 1, tenantId, source: 'crm', subjectId, traceparent: null });
  expect(new Date(envelope.occurredAt).getTime()).toBe(row!.createdAt.getTime());
  return envelope;
}

/** A fresh tenant with one contact (no company). */
async function tenantWithContact(name = 'Buyer') {
  const caller = newCaller();
  const contact = await createContact(crm.url, caller, { name });
  return { caller, contact };
}

describe('crm.contact.created', () => {
  it('is recorded once, unpublished, with a valid envelope, by createContact', async () => {
    const caller = newCaller();
    const company = (await createCompany(caller, { name: 'Acme' })).company;
    const before = await outboxRows(crm.db, caller.tenantId);
    const contact = await createContact(crm.url, caller, { name: ' Ada Lovelace ', email: ' Ada@Example.COM ', companyName: 'ACME' });
    expect(contact.company?.id).toBe(company.id);
    const rows = await rowsSince(caller.tenantId, before);
    expect(rows).toHaveLength(1);
    const event = expectEvent(rows[0], caller.tenantId, 'crm.contact.created', contact.id);
    expect(event.data).toEqual({ name: 'Ada Lovelace', email: 'ada@example.com', companyId: company.id });

    const bare = await createContact(crm.url, caller, { name: 'Bare' });
    const [bareRow, ...more] = await rowsSince(caller.tenantId, [...before, ...rows]);
    expect(more).toEqual([]);
    expect(expectEvent(bareRow, caller.tenantId, 'crm.contact.created', bare.id).data).toEqual({
      name: 'Bare',
      email: null,
      companyId: null,
    });
  });

  it('is not recorded by a refused createContact', async () => {
    const caller = newCaller();
    for (const input of [
      { name: '  ' },
      { name: 'X', email: 'not-an-email' },
      { name: 'X', phone: 'call me' },
      { name: 'x'.repeat(201) },
    ]) {
      const payload = await mutate<ContactPayload>(crm.url, caller, 'createContact', CONTACT_PAYLOAD, input);
      expect(payload.contact, JSON.stringify(input)).toBeNull();
      expect(payload.userErrors.length, JSON.stringify(input)).toBeGreaterThan(0);
    }
    expect(await outboxRows(crm.db, caller.tenantId)).toEqual([]);
    expect(await countRows(crm.db, caller.tenantId)).toEqual({ companies: 0, contacts: 0, deals: 0 });
  });

  it('shares the transaction of the change: when recording the event fails, no contact (nor company) is created', async () => {
    class FailingOutbox extends Outbox {
      override async record<T extends EventType>(tx: SqlExecutor, event: NewEvent<T>): Promise<EventEnvelope<T>> {
        await super.record(tx, event);
        throw new Error('bus bookkeeping failed');
      }
    }
    const failing = await startCrm({ outbox: new FailingOutbox('crm', TEST_NAMESPACE) });
    try {
      const caller = newCaller();
      const response = await callSubgraph(
        failing.url,
        caller,
        `mutation($input: CreateContactInput!) { createContact(input: $input) { ${CONTACT_PAYLOAD} } }`,
        { input: { name: 'Never', companyName: 'Never Inc' } },
      );
      expect(response.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(await countRows(crm.db, caller.tenantId)).toEqual({ companies: 0, contacts: 0, deals: 0 });
      expect(await outboxRows(crm.db, caller.tenantId)).toEqual([]);
    } finally {
      await failing.stop();
    }
  });
});

describe('crm.contact.updated', () => {
  it('is recorded once per update, with the contact as it is after the change', async () => {
    const caller = newCaller();
    const contact = await createContact(crm.url, caller, { name: 'Grace', email: 'grace@example.com', companyName: 'Navy' });
    const before = await outboxRows(crm.db, caller.tenantId);

    const renamed = await updateContact(caller, { contactId: contact.id, name: ' Grace Hopper ', email: 'G.Hopper@Example.com' });
    expect(renamed.userErrors).toEqual([]);
    const [first, ...none] = await rowsSince(caller.tenantId, before);
    expect(none).toEqual([]);
    expect(expectEvent(first, caller.tenantId, 'crm.contact.updated', contact.id).data).toEqual({
      name: 'Grace Hopper',
      email: 'g.hopper@example.com',
      companyId: contact.company!.id,
    });

    const moved = await updateContact(caller, { contactId: contact.id, email: null, companyName: null });
    expect(moved.userErrors).toEqual([]);
    const [second, ...rest] = await rowsSince(caller.tenantId, [...before, first!]);
    expect(rest).toEqual([]);
    expect(expectEvent(second, caller.tenantId, 'crm.contact.updated', contact.id).data).toEqual({
      name: 'Grace Hopper',
      email: null,
      companyId: null,
    });
  });

  it('is not recorded by a refused update (invalid field, unknown, malformed, deleted or another tenant’s contact)', async () => {
    const { caller, contact } = await tenantWithContact('Kept');
    const gone = await createContact(crm.url, caller, { name: 'Gone' });
    expect((await deleteContact(caller, gone.id)).userErrors).toEqual([]);
    const other = await tenantWithContact('Theirs');
    const before = await outboxRows(crm.db, caller.tenantId);
    const otherBefore = await outboxRows(crm.db, other.caller.tenantId);
    const cases: [Caller, Record<string, unknown>, string[]][] = [
      [caller, { contactId: contact.id, email: 'nope' }, ['INVALID_EMAIL']],
      [caller, { contactId: contact.id, name: ' ' }, ['INVALID']],
      [caller, { contactId: contact.id, phone: '12' }, ['INVALID_PHONE']],
      [caller, { contactId: UNKNOWN_ID, name: 'Ghost' }, ['NOT_FOUND']],
      [caller, { contactId: 'not-a-uuid', name: 'Ghost' }, ['NOT_FOUND']],
      [caller, { contactId: gone.id, name: 'Back' }, ['NOT_FOUND']],
      [caller, { contactId: other.contact.id, name: 'Hijacked' }, ['NOT_FOUND']],
      [other.caller, { contactId: contact.id, name: 'Hijacked', companyName: 'Evil Corp' }, ['NOT_FOUND']],
    ];
    for (const [who, input, codes] of cases) {
      const payload = await updateContact(who, input);
      expect(payload.contact, JSON.stringify(input)).toBeNull();
      expect(codesOf(payload), JSON.stringify(input)).toEqual(codes);
    }
    expect(await outboxRows(crm.db, caller.tenantId)).toEqual(before);
    expect(await outboxRows(crm.db, other.caller.tenantId)).toEqual(otherBefore);
  });
});

describe('crm.contact.deleted', () => {
  it('is recorded once by deleteContact, with the time of the deletion', async () => {
    const { caller, contact } = await tenantWithContact('Leaving');
    // A contact whose deals are all closed can be deleted.
    const deal = await createDeal(crm.url, caller, { title: 'Old', contactId: contact.id, amount: { amount: '10', currency: 'EUR' } });
    expect((await markLost(caller, deal.id)).userErrors).toEqual([]);
    const before = await outboxRows(crm.db, caller.tenantId);
    const startedAt = Date.now();
    const payload = await deleteContact(caller, contact.id);
    const endedAt = Date.now();
    expect(payload).toEqual({ deletedContactId: contact.id, userErrors: [] });
    const rows = await rowsSince(caller.tenantId, before);
    expect(rows).toHaveLength(1);
    const event = expectEvent(rows[0], caller.tenantId, 'crm.contact.deleted', contact.id);
    const deletedAt = new Date((event.data as { deletedAt: string }).deletedAt).getTime();
    expect(deletedAt).toBeGreaterThanOrEqual(startedAt - 1000);
    expect(deletedAt).toBeLessThanOrEqual(endedAt + 1000);
  });

  it('is not recorded by a refused delete (open deals, already deleted, unknown, another tenant’s contact)', async () => {
    const { caller, contact } = await tenantWithContact('Busy');
    await createDeal(crm.url, caller, { title: 'Open', contactId: contact.id, amount: { amount: '10', currency: 'EUR' } });
    const gone = await createContact(crm.url, caller, { name: 'Gone' });
    expect((await deleteContact(caller, gone.id)).userErrors).toEqual([]);
    const other = await tenantWithContact('Theirs');
    const before = await outboxRows(crm.db, caller.tenantId);
    const otherBefore = await outboxRows(crm.db, other.caller.tenantId);
    const cases: [Caller, string, string[]][] = [
      [caller, contact.id, ['CONTACT_HAS_DEALS']],
      [caller, gone.id, ['NOT_FOUND']],
      [caller, UNKNOWN_ID, ['NOT_FOUND']],
      [caller, 'not-a-uuid', ['NOT_FOUND']],
      [caller, other.contact.id, ['NOT_FOUND']],
      [other.caller, contact.id, ['NOT_FOUND']],
    ];
    for (const [who, contactId, codes] of cases) {
      const payload = await deleteContact(who, contactId);
      expect(payload.deletedContactId, contactId).toBeNull();
      expect(codesOf(payload), contactId).toEqual(codes);
    }
    expect(await outboxRows(crm.db, caller.tenantId)).toEqual(before);
    expect(await outboxRows(crm.db, other.caller.tenantId)).toEqual(otherBefore);
  });
});

describe('crm.company.created', () => {
  it('is recorded once by createCompany; a refused createCompany records nothing', async () => {
    const caller = newCaller();
    const payload = await createCompany(caller, { name: '  Initech ', domain: 'Initech.COM' });
    expect(payload.userErrors).toEqual([]);
    const rows = await outboxRows(crm.db, caller.tenantId);
    expect(rows).toHaveLength(1);
    expect(expectEvent(rows[0], caller.tenantId, 'crm.company.created', payload.company.id).data).toEqual({ name: 'Initech' });

    const refusals: [Record<string, unknown>, string[]][] = [
      [{ name: 'INITECH' }, ['COMPANY_NAME_TAKEN']],
      [{ name: ' ' }, ['INVALID']],
      [{ name: 'Other', domain: 'https://other.com' }, ['INVALID_DOMAIN']],
    ];
    for (const [input, codes] of refusals) {
      const refused = await createCompany(caller, input);
      expect(refused.company, JSON.stringify(input)).toBeNull();
      expect(codesOf(refused), JSON.stringify(input)).toEqual(codes);
    }
    expect(await outboxRows(crm.db, caller.tenantId)).toEqual(rows);
    expect((await countRows(crm.db, caller.tenantId)).companies).toBe(1);
  });
});

describe('crm.deal.created', () => {
  it('is recorded once by createDeal, with the stored (rounded) amount, stage and owner', async () => {
    const { caller, contact } = await tenantWithContact('Ada');
    const ownerId = randomUUID();
    const before = await outboxRows(crm.db, caller.tenantId);
    const deal = await createDeal(crm.url, caller, {
      title: ' Website redesign ',
      contactId: contact.id,
      amount: { amount: '1250.005', currency: 'eur' },
      ownerId,
    });
    const rows = await rowsSince(caller.tenantId, before);
    expect(rows).toHaveLength(1);
    expect(expectEvent(rows[0], caller.tenantId, 'crm.deal.created', deal.id).data).toEqual({
      title: 'Website redesign',
      contactId: contact.id,
      ownerId,
      stage: 'LEAD',
      amount: { amount: '1250.01', currency: 'EUR' },
    });

    const proposal = await createDeal(crm.url, caller, {
      title: 'Support',
      contactId: contact.id,
      amount: { amount: '99', currency: 'USD' },
      stage: 'PROPOSAL',
    });
    const [row, ...more] = await rowsSince(caller.tenantId, [...before, ...rows]);
    expect(more).toEqual([]);
    expect(expectEvent(row, caller.tenantId, 'crm.deal.created', proposal.id).data).toEqual({
      title: 'Support',
      contactId: contact.id,
      ownerId: null,
      stage: 'PROPOSAL',
      amount: { amount: '99.00', currency: 'USD' },
    });
  });

  it('is not recorded by a refused createDeal (validation, unknown, deleted or another tenant’s contact)', async () => {
    const { caller, contact } = await tenantWithContact();
    const gone = await createContact(crm.url, caller, { name: 'Gone' });
    expect((await deleteContact(caller, gone.id)).userErrors).toEqual([]);
    const other = await tenantWithContact('Theirs');
    const before = await outboxRows(crm.db, caller.tenantId);
    const otherBefore = await outboxRows(crm.db, other.caller.tenantId);
    const valid = { title: 'Deal', contactId: contact.id, amount: { amount: '10', currency: 'EUR' } };
    const cases: [Caller, Record<string, unknown>, string[]][] = [
      [caller, { ...valid, amount: { amount: '0', currency: 'EUR' } }, ['INVALID_AMOUNT']],
      [caller, { ...valid, amount: { amount: '10', currency: 'EURO' } }, ['INVALID_CURRENCY']],
      [caller, { ...valid, stage: 'WON' }, ['INVALID_STAGE']],
      [caller, { ...valid, title: '  ' }, ['INVALID']],
      [caller, { ...valid, ownerId: 'nobody' }, ['INVALID']],
      [caller, { ...valid, contactId: UNKNOWN_ID }, ['NOT_FOUND']],
      [caller, { ...valid, contactId: gone.id }, ['NOT_FOUND']],
      [caller, { ...valid, contactId: other.contact.id }, ['NOT_FOUND']],
      [other.caller, valid, ['NOT_FOUND']],
    ];
    for (const [who, input, codes] of cases) {
      const payload = await createDealPayload(who, input);
      expect(payload.deal, JSON.stringify(input)).toBeNull();
      expect(codesOf(payload), JSON.stringify(input)).toEqual(codes);
    }
    expect(await outboxRows(crm.db, caller.tenantId)).toEqual(before);
    expect(await outboxRows(crm.db, other.caller.tenantId)).toEqual(otherBefore);
    expect((await countRows(crm.db, caller.tenantId)).deals).toBe(0);
  });
});

describe('crm.deal.stage_changed', () => {
  it('is recorded once per move between open stages, with from and to', async () => {
    const { caller, contact } = await tenantWithContact();
    const deal = await createDeal(crm.url, caller, {
      title: 'Pipeline',
      contactId: contact.id,
      amount: { amount: '500', currency: 'EUR' },
    });
    const before = await outboxRows(crm.db, caller.tenantId);
    expect((await moveDeal(caller, deal.id, 'QUALIFIED')).deal.stage).toBe('QUALIFIED');
    expect((await moveDeal(caller, deal.id, 'NEGOTIATION')).deal.stage).toBe('NEGOTIATION');
    expect((await moveDeal(caller, deal.id, 'LEAD')).deal.stage).toBe('LEAD');
    const rows = await rowsSince(caller.tenantId, before);
    expect(rows.map((row) => expectEvent(row, caller.tenantId, 'crm.deal.stage_changed', deal.id).data)).toEqual([
      { title: 'Pipeline', from: 'LEAD', to: 'QUALIFIED', amount: { amount: '500.00', currency: 'EUR' } },
      { title: 'Pipeline', from: 'QUALIFIED', to: 'NEGOTIATION', amount: { amount: '500.00', currency: 'EUR' } },
      { title: 'Pipeline', from: 'NEGOTIATION', to: 'LEAD', amount: { amount: '500.00', currency: 'EUR' } },
    ]);
  });

  it('is not recorded by a move to the current stage, nor by a refused move', async () => {
    const { caller, contact } = await tenantWithContact();
    const open = await createDeal(crm.url, caller, { title: 'Open', contactId: contact.id, amount: { amount: '5', currency: 'EUR' } });
    const won = await createDeal(crm.url, caller, { title: 'Won', contactId: contact.id, amount: { amount: '5', currency: 'EUR' } });
    expect((await markWon(caller, won.id)).userErrors).toEqual([]);
    const other = await tenantWithContact('Theirs');
    const theirs = await createDeal(crm.url, other.caller, {
      title: 'Theirs',
      contactId: other.contact.id,
      amount: { amount: '5', currency: 'EUR' },
    });
    const before = await outboxRows(crm.db, caller.tenantId);
    const otherBefore = await outboxRows(crm.db, other.caller.tenantId);

    const same = await moveDeal(caller, open.id, 'LEAD');
    expect(same).toMatchObject({ deal: { stage: 'LEAD' }, userErrors: [] });
    const cases: [Caller, string, string, string[]][] = [
      [caller, open.id, 'WON', ['INVALID_STAGE']],
      [caller, open.id, 'LOST', ['INVALID_STAGE']],
      [caller, won.id, 'PROPOSAL', ['DEAL_CLOSED']],
      [caller, UNKNOWN_ID, 'PROPOSAL', ['NOT_FOUND']],
      [caller, 'not-a-uuid', 'PROPOSAL', ['NOT_FOUND']],
      [caller, theirs.id, 'PROPOSAL', ['NOT_FOUND']],
      [other.caller, open.id, 'PROPOSAL', ['NOT_FOUND']],
    ];
    for (const [who, dealId, stage, codes] of cases) {
      const payload = await moveDeal(who, dealId, stage);
      expect(payload.deal, `${dealId} -> ${stage}`).toBeNull();
      expect(codesOf(payload), `${dealId} -> ${stage}`).toEqual(codes);
    }
    expect(await outboxRows(crm.db, caller.tenantId)).toEqual(before);
    expect(await outboxRows(crm.db, other.caller.tenantId)).toEqual(otherBefore);
  });
});

describe('crm.deal.won', () => {
  it('is recorded once by markDealWon (and nothing else), with title, contact, owner, amount and closedAt', async () => {
    const { caller, contact } = await tenantWithContact('Winner');
    const ownerId = randomUUID();
    const deal = await createDeal(crm.url, caller, {
      title: 'Big one',
      contactId: contact.id,
      amount: { amount: '1250', currency: 'EUR' },
      ownerId,
      stage: 'NEGOTIATION',
    });
    const before = await outboxRows(crm.db, caller.tenantId);
    const payload = await markWon(caller, deal.id);
    expect(payload.userErrors).toEqual([]);
    expect(payload.deal).toMatchObject({ stage: 'WON', closedAt: expect.any(String) });
    const rows = await rowsSince(caller.tenantId, before);
    expect(rows).toHaveLength(1);
    const event = expectEvent(rows[0], caller.tenantId, 'crm.deal.won', deal.id);
    expect(event.data).toEqual({
      title: 'Big one',
      contactId: contact.id,
      ownerId,
      amount: { amount: '1250.00', currency: 'EUR' },
      closedAt: new Date(payload.deal.closedAt).toISOString(),
    });
    const read = await query<CrmData>(crm.url, caller, `query($id: ID!) { deal(id: $id) { stage closedAt } }`, { id: deal.id });
    expect(read.deal).toEqual({ stage: 'WON', closedAt: payload.deal.closedAt });
  });

  it('carries a null owner when the deal has none', async () => {
    const { caller, contact } = await tenantWithContact();
    const deal = await createDeal(crm.url, caller, { title: 'Ownerless', contactId: contact.id, amount: { amount: '3', currency: 'USD' } });
    expect((await markWon(caller, deal.id)).userErrors).toEqual([]);
    const won = (await outboxRows(crm.db, caller.tenantId)).filter((row) => row.type === 'crm.deal.won');
    expect(won).toHaveLength(1);
    expect(expectEvent(won[0], caller.tenantId, 'crm.deal.won', deal.id).data).toMatchObject({
      ownerId: null,
      amount: { amount: '3.00', currency: 'USD' },
    });
  });

  // BUG (reported): CrmEvents formats every deal amount with toFixed(2), whatever the currency, so a
  // KWD deal of 1.001 is announced (and invoiced) as 1.00. Switch to `it` once the amount keeps the
  // currency's minor unit.
  it('carries the exact amount of the deal, in currencies with 3 decimals too', async () => {
    const { caller, contact } = await tenantWithContact();
    const deal = await createDeal(crm.url, caller, {
      title: 'Dinar',
      contactId: contact.id,
      amount: { amount: '1250.125', currency: 'KWD' },
    });
    expect(deal.amount).toEqual({ amount: '1250.125', currency: 'KWD' });
    expect((await markWon(caller, deal.id)).userErrors).toEqual([]);
    const [created, won] = await outboxRows(crm.db, caller.tenantId).then((rows) => rows.filter((row) => row.type.startsWith('crm.deal.')));
    for (const row of [created, won]) {
      const amount = (parseEnvelope(row!.envelope).data as { amount: { amount: string; currency: string } }).amount;
      expect(amount.currency, row!.type).toBe('KWD');
      expect(Number(amount.amount), row!.type).toBe(1250.125);
    }
  });

  it('is not recorded by a refused markDealWon (closed deal, unknown or another tenant’s deal)', async () => {
    const { caller, contact } = await tenantWithContact();
    const won = await createDeal(crm.url, caller, { title: 'Won', contactId: contact.id, amount: { amount: '5', currency: 'EUR' } });
    const lost = await createDeal(crm.url, caller, { title: 'Lost', contactId: contact.id, amount: { amount: '5', currency: 'EUR' } });
    const open = await createDeal(crm.url, caller, { title: 'Open', contactId: contact.id, amount: { amount: '5', currency: 'EUR' } });
    expect((await markWon(caller, won.id)).userErrors).toEqual([]);
    expect((await markLost(caller, lost.id)).userErrors).toEqual([]);
    const other = await tenantWithContact('Theirs');
    const theirs = await createDeal(crm.url, other.caller, {
      title: 'Theirs',
      contactId: other.contact.id,
      amount: { amount: '5', currency: 'EUR' },
    });
    const before = await outboxRows(crm.db, caller.tenantId);
    const otherBefore = await outboxRows(crm.db, other.caller.tenantId);
    const cases: [Caller, string, string[]][] = [
      [caller, won.id, ['DEAL_CLOSED']],
      [caller, lost.id, ['DEAL_CLOSED']],
      [caller, UNKNOWN_ID, ['NOT_FOUND']],
      [caller, 'not-a-uuid', ['NOT_FOUND']],
      [caller, theirs.id, ['NOT_FOUND']],
      [other.caller, open.id, ['NOT_FOUND']],
    ];
    for (const [who, dealId, codes] of cases) {
      const payload = await markWon(who, dealId);
      expect(payload.deal, dealId).toBeNull();
      expect(codesOf(payload), dealId).toEqual(codes);
    }
    expect(await outboxRows(crm.db, caller.tenantId)).toEqual(before);
    expect(await outboxRows(crm.db, other.caller.tenantId)).toEqual(otherBefore);
    const read = await query<CrmData>(crm.url, caller, `query($id: ID!) { deal(id: $id) { stage } }`, { id: open.id });
    expect(read.deal.stage).toBe('LEAD');
  });

  it('shares the transaction of the change: when recording the event fails, the deal stays open', async () => {
    class FailingOutbox extends Outbox {
      override async record<T extends EventType>(tx: SqlExecutor, event: NewEvent<T>): Promise<EventEnvelope<T>> {
        await super.record(tx, event);
        throw new Error('bus bookkeeping failed');
      }
    }
    const { caller, contact } = await tenantWithContact();
    const deal = await createDeal(crm.url, caller, { title: 'Atomic', contactId: contact.id, amount: { amount: '5', currency: 'EUR' } });
    const before = await outboxRows(crm.db, caller.tenantId);
    const failing = await startCrm({ outbox: new FailingOutbox('crm', TEST_NAMESPACE) });
    try {
      const response = await callSubgraph(
        failing.url,
        caller,
        `mutation($input: MarkDealWonInput!) { markDealWon(input: $input) { ${DEAL_PAYLOAD} } }`,
        { input: { dealId: deal.id } },
      );
      expect(response.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await failing.stop();
    }
    expect(await outboxRows(crm.db, caller.tenantId)).toEqual(before);
    const read = await query<CrmData>(crm.url, caller, `query($id: ID!) { deal(id: $id) { stage closedAt } }`, { id: deal.id });
    expect(read.deal).toEqual({ stage: 'LEAD', closedAt: null });
  });
});

describe('crm.deal.lost', () => {
  it('is recorded once by markDealLost, with the trimmed reason (or null) and closedAt', async () => {
    const { caller, contact } = await tenantWithContact('Loser');
    const ownerId = randomUUID();
    const deal = await createDeal(crm.url, caller, {
      title: 'Lost cause',
      contactId: contact.id,
      amount: { amount: '80.5', currency: 'GBP' },
      ownerId,
    });
    const silent = await createDeal(crm.url, caller, { title: 'Silent', contactId: contact.id, amount: { amount: '1', currency: 'GBP' } });
    const before = await outboxRows(crm.db, caller.tenantId);
    const payload = await markLost(caller, deal.id, '  Budget cut ');
    expect(payload.userErrors).toEqual([]);
    const noReason = await markLost(caller, silent.id, '   ');
    expect(noReason.userErrors).toEqual([]);
    const rows = await rowsSince(caller.tenantId, before);
    expect(rows).toHaveLength(2);
    expect(expectEvent(rows[0], caller.tenantId, 'crm.deal.lost', deal.id).data).toEqual({
      title: 'Lost cause',
      contactId: contact.id,
      ownerId,
      amount: { amount: '80.50', currency: 'GBP' },
      closedAt: new Date(payload.deal.closedAt).toISOString(),
      reason: 'Budget cut',
    });
    expect(expectEvent(rows[1], caller.tenantId, 'crm.deal.lost', silent.id).data).toMatchObject({
      ownerId: null,
      closedAt: new Date(noReason.deal.closedAt).toISOString(),
      reason: null,
    });
  });

  it('is not recorded by a refused markDealLost (reason too long, closed deal, unknown or another tenant’s deal)', async () => {
    const { caller, contact } = await tenantWithContact();
    const open = await createDeal(crm.url, caller, { title: 'Open', contactId: contact.id, amount: { amount: '5', currency: 'EUR' } });
    const won = await createDeal(crm.url, caller, { title: 'Won', contactId: contact.id, amount: { amount: '5', currency: 'EUR' } });
    expect((await markWon(caller, won.id)).userErrors).toEqual([]);
    const other = await tenantWithContact('Theirs');
    const theirs = await createDeal(crm.url, other.caller, {
      title: 'Theirs',
      contactId: other.contact.id,
      amount: { amount: '5', currency: 'EUR' },
    });
    const before = await outboxRows(crm.db, caller.tenantId);
    const otherBefore = await outboxRows(crm.db, other.caller.tenantId);
    const cases: [Caller, string, string | undefined, string[]][] = [
      [caller, open.id, 'x'.repeat(1001), ['INVALID']],
      [caller, won.id, 'Too late', ['DEAL_CLOSED']],
      [caller, UNKNOWN_ID, undefined, ['NOT_FOUND']],
      [caller, 'not-a-uuid', undefined, ['NOT_FOUND']],
      [caller, theirs.id, undefined, ['NOT_FOUND']],
      [other.caller, open.id, undefined, ['NOT_FOUND']],
    ];
    for (const [who, dealId, reason, codes] of cases) {
      const payload = await markLost(who, dealId, reason);
      expect(payload.deal, dealId).toBeNull();
      expect(codesOf(payload), dealId).toEqual(codes);
    }
    expect(await outboxRows(crm.db, caller.tenantId)).toEqual(before);
    expect(await outboxRows(crm.db, other.caller.tenantId)).toEqual(otherBefore);
  });
});

describe('tenant isolation of the outbox', () => {
  it('records each tenant’s events under its own tenant only, and a tenant reads only its own rows', async () => {
    const a = await tenantWithContact('A');
    const b = await tenantWithContact('B');
    const dealA = await createDeal(crm.url, a.caller, {
      title: 'A deal',
      contactId: a.contact.id,
      amount: { amount: '1', currency: 'EUR' },
    });
    expect((await markWon(a.caller, dealA.id)).userErrors).toEqual([]);
    const rowsA = await outboxRows(crm.db, a.caller.tenantId);
    const rowsB = await outboxRows(crm.db, b.caller.tenantId);
    expect(rowsA.map((row) => [row.type, row.subjectId])).toEqual([
      ['crm.contact.created', a.contact.id],
      ['crm.deal.created', dealA.id],
      ['crm.deal.won', dealA.id],
    ]);
    expect(rowsB.map((row) => [row.type, row.subjectId])).toEqual([['crm.contact.created', b.contact.id]]);
    for (const row of rowsA) expect(parseEnvelope(row.envelope).tenantId).toBe(a.caller.tenantId);
    for (const row of rowsB) expect(parseEnvelope(row.envelope).tenantId).toBe(b.caller.tenantId);
  });
});
