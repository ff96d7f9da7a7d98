import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countSql, newCaller, resolveEntities, type SqlCounter } from '../../../packages/testkit/src/index.js';
import { openRegister, saleInput, startPos, submitSale, type RunningPos } from './harness.js';

/** What one request costs in SQL: with DataLoader, a plan step is one statement however many parents it has. */
let pos: RunningPos;
let sql: SqlCounter;
const caller = newCaller();
const saleIds: string[] = [];
const registerIds: string[] = [];

beforeAll(async () => {
  pos = await startPos({ logQueries: true });
  sql = countSql(pos.db);
  for (let r = 0; r < 3; r += 1) {
    const { registerId } = await openRegister(pos.url, caller);
    registerIds.push(registerId);
    for (let s = 0; s < 5; s += 1) saleIds.push((await submitSale(pos.url, caller, saleInput(registerId))).sale!.id);
  }
});
afterAll(async () => {
  await pos.stop();
});

describe('DataLoader batching', () => {
  it('15 sale references: 1 data statement', async () => {
    sql.reset();
    const response = await resolveEntities(
      pos.url,
      caller,
      saleIds.map((id) => ({ __typename: 'Sale', id })),
      '... on Sale { id receiptNumber total { amount } }',
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!._entities).toHaveLength(15);
    expect(sql.data).toBe(1);
  });

  it('15 sales with lines, payments, register and session: 1 statement per plan step', async () => {
    sql.reset();
    const response = await resolveEntities(
      pos.url,
      caller,
      saleIds.map((id) => ({ __typename: 'Sale', id })),
      '... on Sale { id lines { sku lineTotal { amount } } payments { method amount { amount } } register { name currentSession { id expectedCash { amount } } } session { status } }',
    );
    expect(response.errors).toBeUndefined();
    // sales, then lines + payments + registers + sessions, then current sessions, then session cash.
    expect(sql.data).toBe(7);
  });

  it('3 register references: 1 data statement', async () => {
    sql.reset();
    const response = await resolveEntities(
      pos.url,
      caller,
      registerIds.map((id) => ({ __typename: 'Register', id })),
      '... on Register { id name }',
    );
    expect(response.data!._entities.map((r: any) => r.id)).toEqual(registerIds);
    expect(sql.data).toBe(1);
  });
});
