import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  announceReferences,
  asTenant,
  mutate,
  newCaller,
  query,
  recordedEvents,
  refusedCodes,
} from '../../../packages/testkit/src/index.js';
import {
  closeSession,
  createRegister,
  openRegister,
  openSession,
  saleInput,
  SESSION_FIELDS,
  startClosing,
  startPos,
  submitSale,
  voidSale,
  type RunningPos,
} from './harness.js';

let pos: RunningPos;
beforeAll(async () => {
  pos = await startPos();
});
afterAll(async () => {
  await pos.stop();
});

const openSessions = (tenantId: string, registerId: string) =>
  asTenant(pos.db, tenantId, (tx) => tx.registerSession.count({ where: { tenantId, registerId, status: { in: ['OPEN', 'CLOSING'] } } }));

describe('registers', () => {
  it('numbers registers per tenant and validates input', async () => {
    const caller = newCaller();
    const first = await createRegister(pos.url, caller, { name: '  Front  ', currency: 'usd' });
    expect(first.register).toMatchObject({ number: 1, name: 'Front', currency: 'USD', currentSession: null });
    expect((await createRegister(pos.url, caller)).register!.number).toBe(2);
    const bad = await createRegister(pos.url, caller, { name: ' ', locationId: 'loc-1', currency: 'EURO' });
    expect(bad.register).toBeNull();
    expect(bad.userErrors.map((e) => e.field!.join('.')).sort()).toEqual(['input.currency', 'input.locationId', 'input.name']);
    // Registers are owners' and admins' (the permission table refuses members before anything runs).
    const members = await refusedCodes(pos.url, { ...caller, role: 'MEMBER' }, 'createRegister', 'userErrors { code }', {
      name: 'Back',
      locationId: randomUUID(),
      currency: 'USD',
    });
    expect(members).toEqual(['FORBIDDEN']);
    const list = await query<{ registers: { totalCount: number } }>(
      pos.url,
      caller,
      '{ registers(first: 10) { totalCount edges { node { number } } } }',
    );
    expect(list.registers.totalCount).toBe(2);
  });
});

describe('session state machine', () => {
  it('OPEN -> CLOSING -> CLOSED; every other move is refused and changes nothing', async () => {
    const caller = newCaller();
    const { register } = await createRegister(pos.url, caller);
    const opened = await openSession(pos.url, caller, register!.id, '150.00');
    expect(opened.session).toMatchObject({
      status: 'OPEN',
      openingFloat: { amount: '150.00', currency: 'EUR' },
      countedCash: null,
      difference: null,
    });
    const sessionId = opened.session!.id;
    expect((await closeSession(pos.url, caller, sessionId, '150.00')).userErrors[0].code).toBe('INVALID_STATE');
    expect((await openSession(pos.url, caller, register!.id)).userErrors[0].code).toBe('SESSION_ALREADY_OPEN');
    const closing = await startClosing(pos.url, caller, sessionId);
    expect(closing.session).toMatchObject({ status: 'CLOSING' });
    expect(closing.session!.closingStartedAt).toEqual(expect.any(String));
    expect((await startClosing(pos.url, caller, sessionId)).userErrors[0].code).toBe('INVALID_STATE');
    expect((await openSession(pos.url, caller, register!.id)).userErrors[0].code).toBe('SESSION_ALREADY_OPEN');
    const closed = await closeSession(pos.url, caller, sessionId, '150.00');
    expect(closed.session).toMatchObject({
      status: 'CLOSED',
      expectedCash: { amount: '150.00' },
      countedCash: { amount: '150.00' },
      difference: { amount: '0.00' },
    });
    expect((await closeSession(pos.url, caller, sessionId, '1.00')).userErrors[0].code).toBe('INVALID_STATE');
    expect((await startClosing(pos.url, caller, sessionId)).userErrors[0].code).toBe('INVALID_STATE');
    // A new session can be opened once the last one is closed.
    const next = await openSession(pos.url, caller, register!.id, '0');
    expect(next.session!.status).toBe('OPEN');
    expect(
      (
        await query<{ register: { currentSession: { id: string } } }>(
          pos.url,
          caller,
          `{ register(id: "${register!.id}") { currentSession { id } } }`,
        )
      ).register.currentSession.id,
    ).toBe(next.session!.id);
  });

  it('validates floats and counts and refuses unknown ids', async () => {
    const caller = newCaller();
    const { register } = await createRegister(pos.url, caller);
    expect((await openSession(pos.url, caller, register!.id, '-1')).userErrors[0]).toMatchObject({
      code: 'INVALID',
      field: ['input', 'openingFloat'],
    });
    expect((await openSession(pos.url, caller, register!.id, '1.001')).userErrors[0].code).toBe('INVALID');
    expect((await openSession(pos.url, caller, randomUUID())).userErrors[0].code).toBe('NOT_FOUND');
    expect((await openSession(pos.url, caller, 'nope')).userErrors[0].code).toBe('NOT_FOUND');
    expect(await openSessions(caller.tenantId, register!.id)).toBe(0);
    const { session } = await openSession(pos.url, caller, register!.id);
    await startClosing(pos.url, caller, session!.id);
    expect((await closeSession(pos.url, caller, session!.id, '-5')).userErrors[0].field).toEqual(['input', 'countedCash']);
    expect((await startClosing(pos.url, caller, randomUUID())).userErrors[0].code).toBe('NOT_FOUND');
    expect(await recordedEvents(pos.db, caller.tenantId, 'pos.session.closed')).toEqual([]);
  });

  it('two parallel openSession for one register: exactly one OPEN session', async () => {
    const caller = newCaller();
    const { register } = await createRegister(pos.url, caller);
    const results = await Promise.all(Array.from({ length: 6 }, () => openSession(pos.url, caller, register!.id)));
    expect(results.filter((r) => r.session)).toHaveLength(1);
    expect(results.filter((r) => r.userErrors[0]?.code === 'SESSION_ALREADY_OPEN')).toHaveLength(5);
    expect(await openSessions(caller.tenantId, register!.id)).toBe(1);
  });

  it('the database itself refuses a second open session (partial unique index)', async () => {
    const caller = newCaller();
    const { registerId } = await openRegister(pos.url, caller);
    await expect(
      asTenant(pos.db, caller.tenantId, (tx) =>
        tx.registerSession.create({
          data: {
            tenantId: caller.tenantId,
            registerId,
            currency: 'EUR',
            openingFloat: '0',
            status: 'CLOSING',
            closingStartedAt: new Date(),
          },
        }),
      ),
    ).rejects.toThrow();
    expect(await openSessions(caller.tenantId, registerId)).toBe(1);
  });
});

describe('close reconciliation', () => {
  it('expects float + cash payments - change - cash refunds, and records over/short with pos.session.closed', async () => {
    const caller = newCaller();
    const { registerId, sessionId, locationId } = await openRegister(pos.url, caller, {}, '100.00');
    // Cash 20 for 10 (change 10): +10 cash. Card 10: no cash. Cash 50 for 30 then voided: +20, refunded -20.
    await submitSale(pos.url, caller, saleInput(registerId));
    await submitSale(pos.url, caller, saleInput(registerId, { payments: [{ method: 'CARD', amount: '10.00' }] }));
    await submitSale(
      pos.url,
      caller,
      saleInput(registerId, {
        lines: [{ variantId: randomUUID(), sku: 'S', name: 'Shoes', quantity: 1, unitPrice: '35.55' }],
        payments: [
          { method: 'CARD', amount: '5.55' },
          { method: 'CASH', amount: '50.00' },
        ],
      }),
    ); // cash 50 for 30 due after card: change 20, +30 cash
    const voided = await submitSale(
      pos.url,
      caller,
      saleInput(registerId, {
        lines: [{ variantId: randomUUID(), sku: 'V', name: 'Void me', quantity: 1, unitPrice: '30.00' }],
        payments: [{ method: 'CASH', amount: '50.00' }],
      }),
    );
    await voidSale(pos.url, caller, voided.sale!.id);
    // 100 + 10 + 30 (+20 - 20) = 140
    const live = await query<{ session: { expectedCash: { amount: string } } }>(
      pos.url,
      caller,
      `{ session(id: "${sessionId}") { expectedCash { amount } } }`,
    );
    expect(live.session.expectedCash.amount).toBe('140.00');
    await startClosing(pos.url, caller, sessionId);
    const short = await closeSession(pos.url, caller, sessionId, '139.50');
    expect(short.session).toMatchObject({
      status: 'CLOSED',
      expectedCash: { amount: '140.00' },
      countedCash: { amount: '139.50' },
      difference: { amount: '-0.50', currency: 'EUR' },
    });
    const [event] = await recordedEvents(pos.db, caller.tenantId, 'pos.session.closed');
    expect(event).toMatchObject({
      subjectId: sessionId,
      data: {
        registerId,
        locationId,
        openingFloat: { amount: '100.00', currency: 'EUR' },
        expected: { amount: '140.00', currency: 'EUR' },
        counted: { amount: '139.50', currency: 'EUR' },
        difference: { amount: '-0.50', currency: 'EUR' },
        saleCount: 4,
      },
    });
  });

  it('records an over as a positive difference', async () => {
    const caller = newCaller();
    const { registerId, sessionId } = await openRegister(pos.url, caller, {}, '50.00');
    await submitSale(pos.url, caller, saleInput(registerId));
    await startClosing(pos.url, caller, sessionId);
    const over = await closeSession(pos.url, caller, sessionId, '61.25');
    expect(over.session).toMatchObject({ expectedCash: { amount: '60.00' }, difference: { amount: '1.25' } });
    const sessions = await query<{ sessions: { totalCount: number } }>(
      pos.url,
      caller,
      `query($f: RegisterSessionFilter) { sessions(filter: $f) { totalCount edges { node { ${SESSION_FIELDS} } } } }`,
      {
        f: { registerId, status: ['CLOSED'] },
      },
    );
    expect(sessions.sessions.totalCount).toBe(1);
  });
});

describe('stock locations stay inside the tenant (issue 12 item 5)', () => {
  it("refuses a register at another tenant's or an unknown stock location, creating none", async () => {
    const [a, b] = [newCaller(), newCaller()];
    const theirs = randomUUID();
    await announceReferences(pos.url, a.tenantId, { location: [theirs] });
    for (const locationId of [theirs, randomUUID()]) {
      const refused = await mutate<{ register: unknown; userErrors: unknown[] }>(
        pos.url,
        b,
        'createRegister',
        'register { id } userErrors { code field message }',
        {
          name: 'Till',
          locationId,
          currency: 'EUR',
        },
      );
      expect(refused).toEqual({
        register: null,
        userErrors: [{ code: 'NOT_FOUND', field: ['input', 'locationId'], message: 'No such stock location' }],
      });
    }
    const registers = await query<{ registers: { totalCount: number } }>(pos.url, b, '{ registers(first: 1) { totalCount } }');
    expect(registers.registers.totalCount).toBe(0);
  });
});
