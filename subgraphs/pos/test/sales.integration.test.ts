import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asTenant, newCaller, query, recordedEvents } from '../../../packages/testkit/src/index.js';
import {
  closeSession,
  openRegister,
  saleInput,
  SALE_FIELDS,
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

const countSales = (tenantId: string) => asTenant(pos.db, tenantId, (tx) => tx.sale.count({ where: { tenantId } }));

describe('submitSale', () => {
  it('records a sale with exact totals, change and a receipt, and records pos.sale.completed', async () => {
    const caller = newCaller();
    const { registerId, sessionId, locationId } = await openRegister(pos.url, caller, { name: 'Till A' });
    const variantA = randomUUID();
    const variantB = randomUUID();
    const { sale, userErrors } = await submitSale(
      pos.url,
      caller,
      saleInput(registerId, {
        lines: [
          { variantId: variantA, sku: 'A-1', name: 'Pen', quantity: 3, unitPrice: '0.335' },
          { variantId: variantB, sku: 'B-1', name: 'Notebook', quantity: 2, unitPrice: '9.99', discount: '1.98' },
        ],
        payments: [
          { method: 'CARD', amount: '10.00' },
          { method: 'CASH', amount: '20.00' },
        ],
      }),
    );
    expect(userErrors).toEqual([]);
    expect(sale).toMatchObject({
      receiptNumber: 'R1-000001',
      status: 'COMPLETED',
      register: { id: registerId },
      session: { id: sessionId },
      subtotal: { amount: '20.99' },
      discountTotal: { amount: '1.98' },
      total: { amount: '19.01', currency: 'EUR' },
      tendered: { amount: '30.00' },
      change: { amount: '10.99', currency: 'EUR' },
    });
    expect(sale!.lines).toEqual([
      {
        position: 1,
        variantId: variantA,
        sku: 'A-1',
        name: 'Pen',
        quantity: 3,
        unitPrice: { amount: '0.335', currency: 'EUR' },
        discount: { amount: '0.00' },
        lineTotal: { amount: '1.01', currency: 'EUR' },
        listPrice: { amount: '0.335' },
        manualPrice: false,
        priceReason: null,
      },
      {
        position: 2,
        variantId: variantB,
        sku: 'B-1',
        name: 'Notebook',
        quantity: 2,
        unitPrice: { amount: '9.99', currency: 'EUR' },
        discount: { amount: '1.98' },
        lineTotal: { amount: '18.00', currency: 'EUR' },
        listPrice: { amount: '9.99' },
        manualPrice: false,
        priceReason: null,
      },
    ]);
    expect(sale!.receipt).toMatchObject({
      number: 'R1-000001',
      registerName: 'Till A',
      total: { amount: '19.01' },
      change: { amount: '10.99' },
      voided: false,
      payments: [
        { method: 'CARD', amount: { amount: '10.00' } },
        { method: 'CASH', amount: { amount: '20.00' } },
      ],
    });

    const events = await recordedEvents(pos.db, caller.tenantId, 'pos.sale.completed');
    expect(events).toHaveLength(1);
    expect(events[0]!.subjectId).toBe(sale!.id);
    expect(events[0]!.subject).toBe(`pos_tests.pos.${caller.tenantId}.sale.completed`);
    expect(events[0]!.data).toMatchObject({
      registerId,
      sessionId,
      locationId,
      receiptNumber: 'R1-000001',
      currency: 'EUR',
      total: { amount: '19.01', currency: 'EUR' },
      lines: [
        {
          variantId: variantA,
          sku: 'A-1',
          name: 'Pen',
          quantity: 3,
          unitPrice: { amount: '0.335', currency: 'EUR' },
          lineTotal: { amount: '1.01', currency: 'EUR' },
        },
        {
          variantId: variantB,
          sku: 'B-1',
          name: 'Notebook',
          quantity: 2,
          unitPrice: { amount: '9.99', currency: 'EUR' },
          lineTotal: { amount: '18.00', currency: 'EUR' },
        },
      ],
      payments: [
        { method: 'CARD', amount: { amount: '10.00', currency: 'EUR' } },
        { method: 'CASH', amount: { amount: '20.00', currency: 'EUR' } },
      ],
      change: { amount: '10.99', currency: 'EUR' },
    });
  });

  it('rounds to the currency minor unit (JPY: whole yen)', async () => {
    const caller = newCaller();
    const { registerId } = await openRegister(pos.url, caller, { currency: 'JPY' }, '10000');
    const { sale } = await submitSale(
      pos.url,
      caller,
      saleInput(registerId, {
        lines: [{ variantId: randomUUID(), sku: 'J', name: 'Tea', quantity: 3, unitPrice: '33.5' }],
        payments: [{ method: 'CASH', amount: '1000' }],
      }),
    );
    expect(sale!.total).toEqual({ amount: '101', currency: 'JPY' });
    expect(sale!.change).toEqual({ amount: '899', currency: 'JPY' });
  });

  it.each([
    ['card over the amount due', { payments: [{ method: 'CARD', amount: '10.01' }] }, 'CARD_EXCEEDS_AMOUNT_DUE'],
    ['payments short', { payments: [{ method: 'CASH', amount: '9.99' }] }, 'INSUFFICIENT_PAYMENT'],
    ['no lines', { lines: [] }, 'INVALID'],
    ['zero quantity', { lines: [{ variantId: randomUUID(), sku: 'X', name: 'X', quantity: 0, unitPrice: '1' }] }, 'INVALID'],
    ['a variant id that is no UUID', { lines: [{ variantId: 'v-1', sku: 'X', name: 'X', quantity: 1, unitPrice: '1' }] }, 'INVALID'],
    ['cents below the minor unit', { payments: [{ method: 'CASH', amount: '10.001' }] }, 'INVALID'],
    ['an idempotency key that is no UUID', { idempotencyKey: 'retry-1' }, 'INVALID'],
    ['an unknown register', { registerId: randomUUID() }, 'NOT_FOUND'],
  ])('refuses %s and records nothing', async (_label, overrides, code) => {
    const caller = newCaller();
    const { registerId } = await openRegister(pos.url, caller);
    const { sale, userErrors } = await submitSale(pos.url, caller, saleInput(registerId, overrides));
    expect(sale).toBeNull();
    expect(userErrors.map((e: { code: string }) => e.code)).toContain(code);
    expect(await countSales(caller.tenantId)).toBe(0);
    expect(await recordedEvents(pos.db, caller.tenantId)).toEqual([]);
    // The refused sale took no receipt number.
    const next = await submitSale(pos.url, caller, saleInput(registerId));
    expect(next.sale!.receiptNumber).toBe('R1-000001');
  });

  it('refuses sales without an OPEN session (none, or CLOSING)', async () => {
    const caller = newCaller();
    const { registerId, sessionId } = await openRegister(pos.url, caller);
    await startClosing(pos.url, caller, sessionId);
    const { sale, userErrors } = await submitSale(pos.url, caller, saleInput(registerId));
    expect(sale).toBeNull();
    expect(userErrors[0].code).toBe('NO_OPEN_SESSION');
    await closeSession(pos.url, caller, sessionId, '100.00');
    expect((await submitSale(pos.url, caller, saleInput(registerId))).userErrors[0].code).toBe('NO_OPEN_SESSION');
    expect(await countSales(caller.tenantId)).toBe(0);
  });
});

describe('idempotent submission', () => {
  it('returns the same sale for a retried key, also after the session closed', async () => {
    const caller = newCaller();
    const { registerId, sessionId } = await openRegister(pos.url, caller);
    const input = saleInput(registerId);
    const first = await submitSale(pos.url, caller, input);
    // The same sale, its numbers written differently.
    const retry = await submitSale(pos.url, caller, {
      ...input,
      lines: input.lines.map((line) => ({ ...line, unitPrice: '5' })),
      payments: [{ method: 'CASH', amount: '20' }],
    });
    expect(retry.userErrors).toEqual([]);
    expect(retry.sale).toEqual(first.sale);
    await startClosing(pos.url, caller, sessionId);
    expect((await submitSale(pos.url, caller, input)).sale!.id).toBe(first.sale!.id);
    expect(await countSales(caller.tenantId)).toBe(1);
    expect(await recordedEvents(pos.db, caller.tenantId, 'pos.sale.completed')).toHaveLength(1);
  });

  it('refuses the same key with a different payload: IDEMPOTENCY_KEY_REUSED', async () => {
    const caller = newCaller();
    const { registerId } = await openRegister(pos.url, caller);
    const input = saleInput(registerId);
    const first = await submitSale(pos.url, caller, input);
    const other = await submitSale(pos.url, caller, { ...input, payments: [{ method: 'CASH', amount: '50.00' }] });
    expect(other.sale).toBeNull();
    expect(other.userErrors).toEqual([{ code: 'IDEMPOTENCY_KEY_REUSED', field: ['input', 'idempotencyKey'], message: expect.any(String) }]);
    const invalid = await submitSale(pos.url, caller, { ...input, payments: [{ method: 'CARD', amount: '99.00' }] });
    expect(invalid.userErrors[0].code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await countSales(caller.tenantId)).toBe(1);
    expect(
      (await query<{ sale: { receiptNumber: string } }>(pos.url, caller, `{ sale(id: "${first.sale!.id}") { id receiptNumber } }`)).sale
        .receiptNumber,
    ).toBe('R1-000001');
  });

  it('10 parallel submissions with the same key: exactly one sale, every response returns it, one event', async () => {
    const caller = newCaller();
    const { registerId } = await openRegister(pos.url, caller);
    const input = saleInput(registerId);
    const responses = await Promise.all(Array.from({ length: 10 }, () => submitSale(pos.url, caller, input)));
    for (const response of responses) expect(response.userErrors).toEqual([]);
    const ids = new Set(responses.map((response) => response.sale!.id));
    expect(ids.size).toBe(1);
    expect(responses.every((response) => response.sale!.receiptNumber === 'R1-000001')).toBe(true);
    expect(await countSales(caller.tenantId)).toBe(1);
    const events = await recordedEvents(pos.db, caller.tenantId, 'pos.sale.completed');
    expect(events.map((event) => event.subjectId)).toEqual([...ids]);
    // The next sale continues the numbering without a gap.
    expect((await submitSale(pos.url, caller, saleInput(registerId))).sale!.receiptNumber).toBe('R1-000002');
  });

  it('the database itself refuses a second sale with the same key on a register', async () => {
    const caller = newCaller();
    const { registerId } = await openRegister(pos.url, caller);
    const input = saleInput(registerId);
    const { sale } = await submitSale(pos.url, caller, input);
    await expect(
      asTenant(pos.db, caller.tenantId, async (tx) => {
        const { id: _id, ...copy } = (await tx.sale.findFirst({ where: { id: sale!.id } }))!;
        return tx.sale.create({ data: { ...copy, receiptSeq: 99, receiptNumber: 'R1-000099' } });
      }),
    ).rejects.toThrow();
    expect(await countSales(caller.tenantId)).toBe(1);
  });

  it('the same key on two registers is two sales', async () => {
    const caller = newCaller();
    const a = await openRegister(pos.url, caller);
    const b = await openRegister(pos.url, caller);
    const key = randomUUID();
    const [onA, onB] = await Promise.all([
      submitSale(pos.url, caller, saleInput(a.registerId, { idempotencyKey: key })),
      submitSale(pos.url, caller, saleInput(b.registerId, { idempotencyKey: key })),
    ]);
    expect(onA.sale!.id).not.toBe(onB.sale!.id);
    expect([onA.sale!.receiptNumber, onB.sale!.receiptNumber].sort()).toEqual(['R1-000001', 'R2-000001']);
  });
});

describe('receipt numbers', () => {
  it('are gap-free per register under parallel different sales (with refused ones mixed in)', async () => {
    const caller = newCaller();
    const a = await openRegister(pos.url, caller);
    const b = await openRegister(pos.url, caller);
    const good = Array.from({ length: 12 }, (_, i) => saleInput(i % 2 === 0 ? a.registerId : b.registerId));
    const bad = Array.from({ length: 4 }, () => saleInput(a.registerId, { payments: [{ method: 'CARD', amount: '11.00' }] }));
    const responses = await Promise.all([...good, ...bad].map((input) => submitSale(pos.url, caller, input)));
    const numbers = responses.filter((r) => r.sale).map((r) => r.sale!.receiptNumber as string);
    expect(numbers).toHaveLength(12);
    expect(numbers.filter((n) => n.startsWith('R1-')).sort()).toEqual(Array.from({ length: 6 }, (_, i) => `R1-00000${i + 1}`));
    expect(numbers.filter((n) => n.startsWith('R2-')).sort()).toEqual(Array.from({ length: 6 }, (_, i) => `R2-00000${i + 1}`));
    expect(await recordedEvents(pos.db, caller.tenantId, 'pos.sale.completed')).toHaveLength(12);
  });
});

describe('voidSale', () => {
  it('voids a sale of the OPEN session, once, and records pos.sale.voided', async () => {
    const caller = newCaller();
    const { registerId } = await openRegister(pos.url, caller);
    const { sale } = await submitSale(pos.url, caller, saleInput(registerId));
    const voided = await voidSale(pos.url, caller, sale!.id, 'Customer changed mind');
    expect(voided.userErrors).toEqual([]);
    expect(voided.sale).toMatchObject({ id: sale!.id, status: 'VOIDED', voidReason: 'Customer changed mind', receipt: { voided: true } });
    expect(voided.sale!.voidedAt).toEqual(expect.any(String));
    const again = await voidSale(pos.url, caller, sale!.id);
    expect(again.userErrors[0].code).toBe('ALREADY_VOIDED');
    const events = await recordedEvents(pos.db, caller.tenantId, 'pos.sale.voided');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ subjectId: sale!.id, data: { receiptNumber: 'R1-000001', total: { amount: '10.00' } } });
  });

  it('refuses a sale whose session is CLOSING or CLOSED, and unknown sales', async () => {
    const caller = newCaller();
    const { registerId, sessionId } = await openRegister(pos.url, caller);
    const { sale } = await submitSale(pos.url, caller, saleInput(registerId));
    await startClosing(pos.url, caller, sessionId);
    expect((await voidSale(pos.url, caller, sale!.id)).userErrors[0].code).toBe('SESSION_NOT_OPEN');
    await closeSession(pos.url, caller, sessionId, '110.00');
    expect((await voidSale(pos.url, caller, sale!.id)).userErrors[0].code).toBe('SESSION_NOT_OPEN');
    expect((await voidSale(pos.url, caller, randomUUID())).userErrors[0].code).toBe('NOT_FOUND');
    expect((await query<{ sale: { status: string } }>(pos.url, caller, `{ sale(id: "${sale!.id}") { status } }`)).sale.status).toBe(
      'COMPLETED',
    );
    expect(await recordedEvents(pos.db, caller.tenantId, 'pos.sale.voided')).toEqual([]);
  });
});

describe('sales queries', () => {
  it('lists sales by session and register as connections', async () => {
    const caller = newCaller();
    const a = await openRegister(pos.url, caller);
    const b = await openRegister(pos.url, caller);
    for (let i = 0; i < 3; i += 1) await submitSale(pos.url, caller, saleInput(a.registerId));
    await submitSale(pos.url, caller, saleInput(b.registerId));
    const page = await query<{
      sales: { totalCount: number; pageInfo: { hasNextPage: boolean }; edges: { node: { receiptNumber: string } }[] };
    }>(
      pos.url,
      caller,
      `query($f: SaleFilter) { sales(filter: $f, first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${SALE_FIELDS} } } } }`,
      {
        f: { sessionId: a.sessionId },
      },
    );
    expect(page.sales.totalCount).toBe(3);
    expect(page.sales.pageInfo.hasNextPage).toBe(true);
    expect(page.sales.edges.map((e) => e.node.receiptNumber)).toEqual(['R1-000001', 'R1-000002']);
    const all = await query<{ sales: { totalCount: number } }>(pos.url, caller, '{ sales { totalCount } }');
    expect(all.sales.totalCount).toBe(4);
  });
});
