import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousCaller, asTenant, callSubgraph, newCaller, query, resolveEntities } from '../../../packages/testkit/src/index.js';
import { openRegister, openSession, saleInput, startClosing, startPos, submitSale, voidSale, type RunningPos } from './harness.js';

let pos: RunningPos;
const a = newCaller();
const b = newCaller();
let ids: { registerId: string; sessionId: string; saleId: string; key: string };

beforeAll(async () => {
  pos = await startPos();
  const { registerId, sessionId } = await openRegister(pos.url, a);
  const input = saleInput(registerId);
  const { sale } = await submitSale(pos.url, a, input);
  ids = { registerId, sessionId, saleId: sale!.id, key: input.idempotencyKey };
});
afterAll(async () => {
  await pos.stop();
});

describe('tenant isolation', () => {
  it('B reads none of A’s registers, sessions or sales, by id or in lists', async () => {
    const data = await query(
      pos.url,
      b,
      `{ register(id: "${ids.registerId}") { id } session(id: "${ids.sessionId}") { id } sale(id: "${ids.saleId}") { id }
         registers { totalCount } sessions { totalCount } sales { totalCount } }`,
    );
    expect(data).toEqual({
      register: null,
      session: null,
      sale: null,
      registers: { totalCount: 0 },
      sessions: { totalCount: 0 },
      sales: { totalCount: 0 },
    });
    const filtered = await query<{ sales: { totalCount: number } }>(
      pos.url,
      b,
      `{ sales(filter: { sessionId: "${ids.sessionId}" }) { totalCount } }`,
    );
    expect(filtered.sales.totalCount).toBe(0);
  });

  it('B resolves none of A’s entities through _entities', async () => {
    const response = await resolveEntities(
      pos.url,
      b,
      [
        { __typename: 'Register', id: ids.registerId },
        { __typename: 'RegisterSession', id: ids.sessionId },
        { __typename: 'Sale', id: ids.saleId },
      ],
      '... on Register { id } ... on RegisterSession { id } ... on Sale { id }',
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!._entities).toEqual([null, null, null]);
    const own = await resolveEntities(pos.url, a, [{ __typename: 'Sale', id: ids.saleId }], '... on Sale { id receiptNumber }');
    expect(own.data!._entities).toEqual([{ id: ids.saleId, receiptNumber: 'R1-000001' }]);
  });

  it('B changes nothing of A’s: no session, sale, void or close on A’s ids, not even with A’s idempotency key', async () => {
    expect((await openSession(pos.url, b, ids.registerId)).userErrors[0].code).toBe('NOT_FOUND');
    const replay = await submitSale(pos.url, b, saleInput(ids.registerId, { idempotencyKey: ids.key }));
    expect(replay.sale).toBeNull();
    expect(replay.userErrors[0].code).toBe('NOT_FOUND');
    expect((await voidSale(pos.url, b, ids.saleId)).userErrors[0].code).toBe('NOT_FOUND');
    expect((await startClosing(pos.url, b, ids.sessionId)).userErrors[0].code).toBe('NOT_FOUND');
    const state = await query(
      pos.url,
      a,
      `{ sale(id: "${ids.saleId}") { status } session(id: "${ids.sessionId}") { status } sales { totalCount } }`,
    );
    expect(state).toEqual({ sale: { status: 'COMPLETED' }, session: { status: 'OPEN' }, sales: { totalCount: 1 } });
  });

  it('row-level security hides A’s rows from B’s transactions and refuses B writing rows as A', async () => {
    const seen = await asTenant(pos.db, b.tenantId, async (tx) => [
      await tx.register.count(),
      await tx.registerSession.count(),
      await tx.sale.count(),
      await tx.saleLine.count(),
      await tx.salePayment.count(),
      await tx.outboxEvent.count(),
    ]);
    expect(seen).toEqual([0, 0, 0, 0, 0, 0]);
    await expect(
      asTenant(pos.db, b.tenantId, (tx) =>
        tx.register.create({ data: { tenantId: a.tenantId, number: 99, name: 'Intruder', locationId: ids.registerId, currency: 'EUR' } }),
      ),
    ).rejects.toThrow();
  });

  it('refuses callers without a tenant', async () => {
    const response = await callSubgraph(pos.url, anonymousCaller(), '{ registers { totalCount } }');
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
