import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callSubgraph, expectData, newCaller, recordedEvents } from '../../../packages/testkit/src/index.js';
import { createDraft, getInvoice, startInvoicing, UPDATE_DRAFT, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startInvoicing();
});
afterAll(async () => {
  await h.stop();
});

/** Years JavaScript's Date.UTC(y, …) and new Date(y, m, d) would move to 1900 + y, and the edges of the range. */
const DAYS = ['0001-01-01', '0099-12-31', '0100-01-01', '1999-12-31', '9999-12-31'];

describe('due dates are stored exactly as given', () => {
  it('round-trips years 1, 99, 100, 1999 and 9999 through create, update, the database and the events', async () => {
    const caller = newCaller();
    for (const dueDate of DAYS) {
      const draft = await createDraft(h.url, caller, { contactId: randomUUID(), dueDate });
      expect(draft.dueDate, dueDate).toBe(dueDate);
      expect((await getInvoice(h.url, caller, draft.id))!.dueDate, dueDate).toBe(dueDate);
    }
    const draft = await createDraft(h.url, caller, { contactId: randomUUID() });
    for (const dueDate of DAYS) {
      const updated = expectData(
        await callSubgraph(h.url, caller, UPDATE_DRAFT, { input: { invoiceId: draft.id, dueDate } }),
      ).updateDraftInvoice;
      expect(updated.userErrors, dueDate).toEqual([]);
      expect(updated.invoice.dueDate, dueDate).toBe(dueDate);
      expect((await getInvoice(h.url, caller, draft.id))!.dueDate, dueDate).toBe(dueDate);
    }
    const events = await recordedEvents(h.db, caller.tenantId);
    expect(events.map((event) => event.data.dueDate)).toEqual([...DAYS, null, ...DAYS]);
  });
});
