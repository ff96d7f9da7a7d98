/**
 * Resumable subscriptions (issue 15 item 4): every payload carries a cursor in `extensions`; a
 * client whose connection dropped during a burst resubscribes with `after` set to the last cursor it
 * saw and receives what it missed, in order, then live updates: across both connections every
 * event arrives once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from './contract-operations.js';
import { subscribe } from './live.js';
import { gql, ok, signUpTenant, startPlatform, type Platform } from './platform.js';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.stop());

const SUBSCRIPTION = 'subscription($after: String) { invoiceChanged(after: $after) { id status } }';
const seqOf = (cursor: unknown) => Number(Buffer.from(String(cursor), 'base64url').toString('utf8').split(':')[1]);
const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

describe('resumable subscriptions', () => {
  it('a subscription dropped during a burst of 200 invoice changes and resumed with its last cursor sees all 200, in order, none twice', async () => {
    const tenant = await signUpTenant(platform.url, 'Resume Co');
    const run = (query: string, variables: Record<string, unknown>) => gql(platform.url, query, variables, tenant.token).then(ok<any>);
    const { createContact } = await run(contract.CreateContact, { input: { name: 'Resumer' } });
    const first = subscribe(platform.url, tenant.token, SUBSCRIPTION);
    await settle();
    let next = 0;
    const burst = Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < 100) {
          next += 1;
          const { createInvoice } = await run(contract.CreateInvoice, {
            input: {
              contactId: createContact.contact.id,
              currency: 'EUR',
              lines: [{ description: 'x', quantity: '1', unitPrice: '5.00' }],
            },
          });
          await run(contract.SendInvoice, { input: { invoiceId: createInvoice.invoice.id } });
        }
      }),
    );
    // The connection drops while the burst goes on.
    await first.waitFor(30, 30_000);
    await first.dispose();
    const before = [...first.payloads];
    const last = (before.at(-1) as { extensions?: { cursor?: string } }).extensions?.cursor;
    expect(typeof last).toBe('string');
    await burst;
    const resumed = subscribe(platform.url, tenant.token, SUBSCRIPTION, { after: last });
    await resumed.waitFor(200 - before.length, 30_000);
    // Live again: one more change arrives after the backlog.
    const { createInvoice } = await run(contract.CreateInvoice, {
      input: { contactId: createContact.contact.id, currency: 'EUR', lines: [{ description: 'after', quantity: '1', unitPrice: '1.00' }] },
    });
    await resumed.waitFor(200 - before.length + 1, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await resumed.dispose();

    const all = [...before, ...resumed.payloads];
    const cursors = all.map((payload) => (payload as { extensions?: { cursor?: string } }).extensions?.cursor);
    expect(cursors.every((cursor) => typeof cursor === 'string')).toBe(true);
    const seqs = cursors.map(seqOf);
    // In stream order, none twice.
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(all).toHaveLength(201);
    // Every invoice twice (created, sent), the one made afterwards once.
    const perInvoice = new Map<string, number>();
    for (const payload of all) {
      const id = (payload.data as { invoiceChanged: { id: string } }).invoiceChanged.id;
      perInvoice.set(id, (perInvoice.get(id) ?? 0) + 1);
    }
    expect(perInvoice.size).toBe(101);
    expect([...perInvoice.entries()].filter(([id]) => id !== createInvoice.invoice.id).every(([, count]) => count === 2)).toBe(true);
    expect(perInvoice.get(createInvoice.invoice.id)).toBe(1);
  });

  it('refuses a cursor that is not one of this subscription’s, and without a cursor starts from now', async () => {
    const tenant = await signUpTenant(platform.url, 'Cursor Co');
    const bad = subscribe(platform.url, tenant.token, SUBSCRIPTION, { after: 'not-a-cursor' });
    await bad.waitFor(1);
    expect(bad.payloads[0]!.errors?.[0]?.message).toMatch(/Invalid cursor/);
    const analytics = Buffer.from('analytics:5').toString('base64url');
    const wrongStream = subscribe(platform.url, tenant.token, SUBSCRIPTION, { after: analytics });
    await wrongStream.waitFor(1);
    expect(wrongStream.payloads[0]!.errors?.[0]?.message).toMatch(/Invalid cursor/);
    await Promise.all([bad.dispose(), wrongStream.dispose()]);
  });
});
