import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceReferences, callSubgraph, newCaller, USER_ERRORS, mutate, query } from '../../../packages/testkit/src/index.js';
import {
  countRows,
  createContact,
  createDeal,
  DEAL_FIELDS,
  startCrm,
  type RunningCrm,
  type CrmData,
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

const DEAL_PAYLOAD = `deal { ${DEAL_FIELDS} } ${USER_ERRORS}`;
const codes = (payload: { userErrors: { code: string; field: string[] | null }[] }) => payload.userErrors.map((e) => [e.code, e.field]);

async function tenantWithContact(name = 'Buyer') {
  const caller = newCaller();
  const contact = await createContact(crm.url, caller, { name });
  return { caller, contact };
}

describe('createDeal', () => {
  it('creates a LEAD deal by default, rounding the amount half-up to the currency', async () => {
    const { caller, contact } = await tenantWithContact('Ada');
    const ownerId = randomUUID();
    await announceReferences(crm.url, caller.tenantId, { employee: [ownerId] });
    const payload = await mutate<DealPayload>(crm.url, caller, 'createDeal', DEAL_PAYLOAD, {
      title: ' Website redesign ',
      contactId: contact.id,
      amount: { amount: '1250.005', currency: 'eur' },
      ownerId,
    });
    expect(payload).toEqual({
      deal: {
        id: expect.any(String),
        title: 'Website redesign',
        stage: 'LEAD',
        amount: { amount: '1250.01', currency: 'EUR' },
        contact: { id: contact.id, name: 'Ada' },
        owner: { id: ownerId },
        closedAt: null,
        lostReason: null,
      },
      userErrors: [],
    });
    const yen = await createDeal(crm.url, caller, {
      title: 'Yen',
      contactId: contact.id,
      amount: { amount: '999.5', currency: 'JPY' },
      stage: 'PROPOSAL',
    });
    expect(yen).toMatchObject({ stage: 'PROPOSAL', amount: { amount: '1000', currency: 'JPY' } });
    const noOwner = await createDeal(crm.url, caller, { title: 'Solo', contactId: contact.id, amount: { amount: 5, currency: 'USD' } });
    expect(noOwner).toMatchObject({ owner: null, amount: { amount: '5.00', currency: 'USD' } });
  });

  it('refuses a non-positive amount, an unknown currency, a final stage, an empty title, and changes nothing', async () => {
    const { caller, contact } = await tenantWithContact();
    const cases: [Record<string, unknown>, [string, string[]][]][] = [
      [{ amount: { amount: '0', currency: 'EUR' } }, [['INVALID_AMOUNT', ['input', 'amount', 'amount']]]],
      [{ amount: { amount: '-10', currency: 'EUR' } }, [['INVALID_AMOUNT', ['input', 'amount', 'amount']]]],
      [{ amount: { amount: '0.004', currency: 'EUR' } }, [['INVALID_AMOUNT', ['input', 'amount', 'amount']]]],
      [{ amount: { amount: '1000000000000000', currency: 'EUR' } }, [['INVALID_AMOUNT', ['input', 'amount', 'amount']]]],
      [{ amount: { amount: '10', currency: 'XYZ' } }, [['INVALID_CURRENCY', ['input', 'amount', 'currency']]]],
      [{ amount: { amount: '10', currency: 'EURO' } }, [['INVALID_CURRENCY', ['input', 'amount', 'currency']]]],
      [{ stage: 'WON' }, [['INVALID_STAGE', ['input', 'stage']]]],
      [{ stage: 'LOST' }, [['INVALID_STAGE', ['input', 'stage']]]],
      [{ title: '' }, [['INVALID', ['input', 'title']]]],
      [{ ownerId: 'bob' }, [['INVALID', ['input', 'ownerId']]]],
      [
        { title: ' ', amount: { amount: '-1', currency: 'ABC' }, stage: 'WON' },
        [
          ['INVALID', ['input', 'title']],
          ['INVALID_CURRENCY', ['input', 'amount', 'currency']],
          ['INVALID_AMOUNT', ['input', 'amount', 'amount']],
          ['INVALID_STAGE', ['input', 'stage']],
        ],
      ],
    ];
    for (const [change, expected] of cases) {
      const input = { title: 'Deal', contactId: contact.id, amount: { amount: '100', currency: 'EUR' }, ...change };
      const payload = await mutate<DealPayload>(crm.url, caller, 'createDeal', DEAL_PAYLOAD, input);
      expect(payload.deal, JSON.stringify(change)).toBeNull();
      expect(codes(payload), JSON.stringify(change)).toEqual(expected);
    }
    expect(await countRows(crm.db, caller.tenantId)).toEqual({ companies: 0, contacts: 1, deals: 0 });
  });

  it('answers NOT_FOUND on [input, contactId] for an unknown, malformed or deleted contact', async () => {
    const { caller, contact } = await tenantWithContact();
    await mutate<DeleteContactPayload>(crm.url, caller, 'deleteContact', `deletedContactId ${USER_ERRORS}`, { contactId: contact.id });
    for (const contactId of [randomUUID(), 'contact-1', contact.id]) {
      const payload = await mutate<DealPayload>(crm.url, caller, 'createDeal', DEAL_PAYLOAD, {
        title: 'Deal',
        contactId,
        amount: { amount: '100', currency: 'EUR' },
      });
      expect(payload.deal).toBeNull();
      expect(codes(payload)).toEqual([['NOT_FOUND', ['input', 'contactId']]]);
    }
    expect((await countRows(crm.db, caller.tenantId)).deals).toBe(0);
  });

  it('never leaves an open deal on a deleted contact when createDeal and deleteContact race', async () => {
    const caller = newCaller();
    for (let round = 0; round < 10; round += 1) {
      const contact = await createContact(crm.url, caller, { name: `Racer ${round}` });
      const [created, deleted] = await Promise.all([
        mutate<DealPayload>(crm.url, caller, 'createDeal', DEAL_PAYLOAD, {
          title: 'R',
          contactId: contact.id,
          amount: { amount: '1', currency: 'EUR' },
        }),
        mutate<DeleteContactPayload>(crm.url, caller, 'deleteContact', `deletedContactId ${USER_ERRORS}`, { contactId: contact.id }),
      ]);
      // Exactly one wins: a deal on a live contact, or a deleted contact without deals.
      expect([created.deal !== null, deleted.deletedContactId !== null], `round ${round}`).toEqual(
        created.deal ? [true, false] : [false, true],
      );
      if (created.deal) expect(codes(deleted)).toEqual([['CONTACT_HAS_DEALS', ['input', 'contactId']]]);
      else expect(codes(created)).toEqual([['NOT_FOUND', ['input', 'contactId']]]);
    }
  });
});

describe('deal stages', () => {
  const STAGE_PAYLOAD = `deal { id stage closedAt lostReason } ${USER_ERRORS}`;

  it('moves an open deal among LEAD..NEGOTIATION, back and forth', async () => {
    const { caller, contact } = await tenantWithContact();
    const deal = await createDeal(crm.url, caller, { title: 'D', contactId: contact.id, amount: { amount: '10', currency: 'USD' } });
    for (const stage of ['QUALIFIED', 'NEGOTIATION', 'PROPOSAL', 'LEAD']) {
      const payload = await mutate<DealPayload>(crm.url, caller, 'updateDealStage', STAGE_PAYLOAD, { dealId: deal.id, stage });
      expect(payload).toEqual({ deal: { id: deal.id, stage, closedAt: null, lostReason: null }, userErrors: [] });
    }
    const toWon = await mutate<DealPayload>(crm.url, caller, 'updateDealStage', STAGE_PAYLOAD, {
      dealId: deal.id,
      stage: 'WON',
    });
    expect(codes(toWon)).toEqual([['INVALID_STAGE', ['input', 'stage']]]);
    const unknown = await mutate<DealPayload>(crm.url, caller, 'updateDealStage', STAGE_PAYLOAD, {
      dealId: randomUUID(),
      stage: 'LEAD',
    });
    expect(codes(unknown)).toEqual([['NOT_FOUND', ['input', 'dealId']]]);
    const read = await query<CrmData>(crm.url, caller, `query($id: ID!) { deal(id: $id) { stage } }`, { id: deal.id });
    expect(read.deal.stage).toBe('LEAD');
  });

  it('markDealWon closes the deal now; a second call, updateDealStage or markDealLost answer DEAL_CLOSED', async () => {
    const { caller, contact } = await tenantWithContact();
    const deal = await createDeal(crm.url, caller, {
      title: 'Win',
      contactId: contact.id,
      amount: { amount: '10', currency: 'USD' },
      stage: 'NEGOTIATION',
    });
    const before = Date.now();
    const won = await mutate<DealPayload>(crm.url, caller, 'markDealWon', STAGE_PAYLOAD, { dealId: deal.id });
    expect(won.userErrors).toEqual([]);
    expect(won.deal.stage).toBe('WON');
    const closedAt = new Date(won.deal.closedAt).getTime();
    expect(closedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(closedAt).toBeLessThanOrEqual(Date.now() + 1000);

    const again = await mutate<DealPayload>(crm.url, caller, 'markDealWon', STAGE_PAYLOAD, { dealId: deal.id });
    expect(again).toEqual({
      deal: null,
      userErrors: [{ code: 'DEAL_CLOSED', field: ['input', 'dealId'], message: 'The deal is already WON' }],
    });
    const lost = await mutate<DealPayload>(crm.url, caller, 'markDealLost', STAGE_PAYLOAD, { dealId: deal.id, reason: 'x' });
    expect(codes(lost)).toEqual([['DEAL_CLOSED', ['input', 'dealId']]]);
    const moved = await mutate<DealPayload>(crm.url, caller, 'updateDealStage', STAGE_PAYLOAD, {
      dealId: deal.id,
      stage: 'LEAD',
    });
    expect(codes(moved)).toEqual([['DEAL_CLOSED', ['input', 'dealId']]]);
    const read = await query<CrmData>(crm.url, caller, `query($id: ID!) { deal(id: $id) { stage closedAt lostReason } }`, { id: deal.id });
    expect(read.deal).toEqual({ stage: 'WON', closedAt: won.deal.closedAt, lostReason: null });
  });

  it('markDealWon answers NOT_FOUND for unknown and malformed ids', async () => {
    const caller = newCaller();
    for (const dealId of [randomUUID(), '42']) {
      const payload = await mutate<DealPayload>(crm.url, caller, 'markDealWon', STAGE_PAYLOAD, { dealId });
      expect(payload).toEqual({ deal: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'dealId'], message: 'No such deal' }] });
    }
  });

  it('lets only one of many concurrent markDealWon calls win', async () => {
    const { caller, contact } = await tenantWithContact();
    const deal = await createDeal(crm.url, caller, { title: 'Race', contactId: contact.id, amount: { amount: '10', currency: 'USD' } });
    const results = await Promise.all(
      Array.from({ length: 8 }, () => mutate<DealPayload>(crm.url, caller, 'markDealWon', STAGE_PAYLOAD, { dealId: deal.id })),
    );
    expect(results.filter((r) => r.deal?.stage === 'WON')).toHaveLength(1);
    expect(results.filter((r) => r.userErrors[0]?.code === 'DEAL_CLOSED')).toHaveLength(7);
  });

  it('markDealLost records the reason; a too long reason changes nothing', async () => {
    const { caller, contact } = await tenantWithContact();
    const deal = await createDeal(crm.url, caller, { title: 'Lose', contactId: contact.id, amount: { amount: '10', currency: 'USD' } });
    const tooLong = await mutate<DealPayload>(crm.url, caller, 'markDealLost', STAGE_PAYLOAD, {
      dealId: deal.id,
      reason: 'r'.repeat(1001),
    });
    expect(codes(tooLong)).toEqual([['INVALID', ['input', 'reason']]]);
    const unchanged = await query<CrmData>(crm.url, caller, `query($id: ID!) { deal(id: $id) { stage closedAt } }`, { id: deal.id });
    expect(unchanged.deal).toEqual({ stage: 'LEAD', closedAt: null });
    const lost = await mutate<DealPayload>(crm.url, caller, 'markDealLost', STAGE_PAYLOAD, {
      dealId: deal.id,
      reason: ' Went with a competitor ',
    });
    expect(lost.deal).toMatchObject({ stage: 'LOST', lostReason: 'Went with a competitor' });
    expect(lost.deal.closedAt).not.toBeNull();
    const won = await mutate<DealPayload>(crm.url, caller, 'markDealWon', STAGE_PAYLOAD, { dealId: deal.id });
    expect(won).toEqual({
      deal: null,
      userErrors: [{ code: 'DEAL_CLOSED', field: ['input', 'dealId'], message: 'The deal is already LOST' }],
    });
  });
});

describe('deals connection and Contact.deals', () => {
  it('filters by stages and contact, pages with cursors, and lists a contact’s deals', async () => {
    const caller = newCaller();
    const ada = await createContact(crm.url, caller, { name: 'Ada' });
    const bob = await createContact(crm.url, caller, { name: 'Bob' });
    const deals = [];
    for (const [contact, stage] of [
      [ada, 'LEAD'],
      [bob, 'QUALIFIED'],
      [ada, 'PROPOSAL'],
      [bob, 'LEAD'],
      [ada, 'NEGOTIATION'],
    ] as const) {
      deals.push(
        await createDeal(crm.url, caller, {
          title: `${contact.name} ${stage}`,
          contactId: contact.id,
          amount: { amount: '1', currency: 'USD' },
          stage,
        }),
      );
    }
    await mutate<DealPayload>(crm.url, caller, 'markDealWon', USER_ERRORS, { dealId: deals[4]!.id });
    const LIST = `query($first: Int, $after: String, $filter: DealFilter) {
      deals(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } edges { node { id stage } } }
    }`;
    const ids = (data: any) => data.deals.edges.map((e: any) => e.node.id);
    const all = await query<CrmData>(crm.url, caller, LIST);
    expect(ids(all)).toEqual(deals.map((d) => d.id));
    const leads = await query<CrmData>(crm.url, caller, LIST, { filter: { stage: ['LEAD', 'WON'] } });
    expect(ids(leads)).toEqual([deals[0]!.id, deals[3]!.id, deals[4]!.id]);
    const adas = await query<CrmData>(crm.url, caller, LIST, { filter: { contactId: ada.id, stage: ['LEAD', 'PROPOSAL'] } });
    expect(ids(adas)).toEqual([deals[0]!.id, deals[2]!.id]);
    const none = await query<CrmData>(crm.url, caller, LIST, { filter: { stage: [] } });
    expect(none.deals).toMatchObject({ totalCount: 0, edges: [] });
    const malformed = await query<CrmData>(crm.url, caller, LIST, { filter: { contactId: 'nope' } });
    expect(malformed.deals).toMatchObject({ totalCount: 0, edges: [] });
    const page1 = await query<CrmData>(crm.url, caller, LIST, { first: 2 });
    const page2 = await query<CrmData>(crm.url, caller, LIST, { first: 2, after: page1.deals.pageInfo.endCursor });
    expect([...ids(page1), ...ids(page2)]).toEqual(deals.slice(0, 4).map((d) => d.id));
    expect(page2.deals).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: true } });
    const over = await callSubgraph(crm.url, caller, LIST, { first: 101 });
    expect(over.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const contactDeals = await query<CrmData>(crm.url, caller, `query($id: ID!) { contact(id: $id) { deals { id stage } } }`, {
      id: ada.id,
    });
    expect(contactDeals.contact.deals).toEqual([
      { id: deals[0]!.id, stage: 'LEAD' },
      { id: deals[2]!.id, stage: 'PROPOSAL' },
      { id: deals[4]!.id, stage: 'WON' },
    ]);
  });
});
