import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asTenant, callSubgraph, expectData, newCaller } from '../../../packages/testkit/src/index.js';
import { NumberSequenceRepository } from '../src/repositories/number-sequence-repository.js';
import {
  CREATE_CREDIT_NOTE,
  createDraft,
  getInvoice,
  pay,
  send,
  SEND_INVOICE,
  sentInvoice,
  startInvoicing,
  type Harness,
} from './harness.js';

let h: Harness;
const year = new Date().getUTCFullYear();
const expectedNumbers = (count: number) => Array.from({ length: count }, (_, i) => `INV-${year}-${String(i + 1).padStart(4, '0')}`);

beforeAll(async () => {
  h = await startInvoicing({ poolMax: 10 });
});
afterAll(async () => {
  await h.stop();
});

describe('gap-free invoice numbers', () => {
  it('30 concurrent sends of one tenant get 0001..0030, no gap, no duplicate; another tenant counts on its own', async () => {
    const a = newCaller();
    const b = newCaller();
    const draftsA = await Promise.all(Array.from({ length: 30 }, () => createDraft(h.url, a, { contactId: randomUUID() })));
    const draftsB = await Promise.all(Array.from({ length: 10 }, () => createDraft(h.url, b, { contactId: randomUUID() })));
    const sends = [...draftsA.map((d) => ({ caller: a, id: d.id })), ...draftsB.map((d) => ({ caller: b, id: d.id }))].sort(
      () => Math.random() - 0.5,
    );
    const results = await Promise.all(
      sends.map(async ({ caller, id }) => ({
        caller,
        response: expectData(await callSubgraph(h.url, caller, SEND_INVOICE, { input: { invoiceId: id } })),
      })),
    );
    for (const { response } of results) expect(response.sendInvoice.userErrors).toEqual([]);
    const numbersOf = (caller: typeof a) =>
      results
        .filter((r) => r.caller === caller)
        .map((r) => r.response.sendInvoice.invoice.number as string)
        .sort();
    expect(numbersOf(a)).toEqual(expectedNumbers(30));
    expect(numbersOf(b)).toEqual(expectedNumbers(10));
  });

  it('a send of the same draft racing itself numbers it once', async () => {
    const caller = newCaller();
    const draft = await createDraft(h.url, caller, { contactId: randomUUID() });
    const results = await Promise.all(
      Array.from(
        { length: 6 },
        async () => expectData(await callSubgraph(h.url, caller, SEND_INVOICE, { input: { invoiceId: draft.id } })).sendInvoice,
      ),
    );
    expect(results.filter((r) => r.userErrors.length === 0)).toHaveLength(1);
    expect(results.flatMap((r) => r.userErrors.map((e: any) => e.code))).toEqual(Array(5).fill('INVOICE_NOT_DRAFT'));
    expect((await sentInvoice(h.url, caller, randomUUID())).number).toBe(`INV-${year}-0002`);
  });

  it('a rolled-back send gives its number back', async () => {
    const caller = newCaller();
    expect((await sentInvoice(h.url, caller, randomUUID())).number).toBe(`INV-${year}-0001`);
    const sequences = new NumberSequenceRepository(caller.tenantId);
    await expect(
      asTenant(h.db, caller.tenantId, async (tx) => {
        expect(await sequences.next(tx, 'INVOICE', year)).toBe(2);
        throw new Error('send failed after numbering');
      }),
    ).rejects.toThrow('send failed after numbering');
    expect((await sentInvoice(h.url, caller, randomUUID())).number).toBe(`INV-${year}-0002`);
  });
});

describe('concurrent payments', () => {
  it('10 parallel payments of 20 on a 100 invoice: exactly 5 succeed, the invoice is PAID with nothing due', async () => {
    const caller = newCaller();
    const invoice = await sentInvoice(h.url, caller, randomUUID(), '100');
    const results = await Promise.all(Array.from({ length: 10 }, () => pay(h.url, caller, invoice.id, '20')));
    const succeeded = results.filter((r) => r.userErrors.length === 0);
    expect(succeeded).toHaveLength(5);
    expect(results.filter((r) => r.userErrors.length > 0).map((r) => r.userErrors[0]?.code)).toEqual(Array(5).fill('OVERPAYMENT'));
    const after = await getInvoice(h.url, caller, invoice.id);
    expect(after).toMatchObject({ status: 'PAID', amountPaid: { amount: '100.00' }, amountDue: { amount: '0.00' } });
    expect(after?.payments).toHaveLength(5);
  });

  it('parallel credit notes never credit more than the invoice', async () => {
    const caller = newCaller();
    const invoice = await send(h.url, caller, (await createDraft(h.url, caller, { contactId: randomUUID() })).id);
    const results = await Promise.all(
      Array.from(
        { length: 5 },
        async () =>
          expectData(
            await callSubgraph(h.url, caller, CREATE_CREDIT_NOTE, {
              input: { invoiceId: invoice.id, reason: 'refund', lines: [{ description: 'part', quantity: '1', unitPrice: '30' }] },
            }),
          ).createCreditNote,
      ),
    );
    const ok = results.filter((r) => r.userErrors.length === 0);
    expect(ok).toHaveLength(3);
    expect(ok.map((r) => r.creditNote.number).sort()).toEqual([1, 2, 3].map((n) => `CN-${year}-000${n}`));
    expect(await getInvoice(h.url, caller, invoice.id)).toMatchObject({
      amountCredited: { amount: '90.00' },
      amountDue: { amount: '10.00' },
    });
  });
});
