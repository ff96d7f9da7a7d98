/**
 * Changes since (issue 15 item 5): `contacts(updatedSince:)` and `deals(updatedSince:)` return what
 * changed at or after an instant, oldest change first, with cursors on (updatedAt, id), deleted
 * contacts as tombstones, and never a change that a still-open transaction could commit behind the
 * caller's cursor (the settled horizon).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutate, newCaller, query, USER_ERRORS } from '../../../packages/testkit/src/index.js';
import { createContact, startCrm, type DeleteContactPayload, type RunningCrm } from './harness.js';

let crm: RunningCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(async () => {
  await crm.stop();
});

type Caller = ReturnType<typeof newCaller>;
interface ChangesPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { id: string; name: string; updatedAt: string; deletedAt: string | null } }[];
}

const CHANGES = `query($since: DateTime, $first: Int, $after: String) {
  contacts(updatedSince: $since, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name updatedAt deletedAt } } } }`;

const changes = (caller: Caller, since: Date, first = 100, after?: string | null) =>
  query<{ contacts: ChangesPage }>(crm.url, caller, CHANGES, { since: since.toISOString(), first, after: after ?? null }).then(
    (data) => data.contacts,
  );

/** Polls until `check` passes (bounded: the horizon is a couple of seconds behind now). */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`never settled: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('contacts(updatedSince:)', () => {
  it('pages the changes oldest first, resumes from the last cursor, and shows a deletion as a tombstone', async () => {
    const caller = newCaller();
    const since = new Date(Date.now() - 1000);
    const made = [];
    for (const name of ['Ada', 'Ben', 'Cleo']) made.push(await createContact(crm.url, caller, { name }));
    const all = await eventually(
      () => changes(caller, since),
      (page) => page.totalCount === 3,
    );
    expect(all.edges.map((edge) => edge.node.name)).toEqual(['Ada', 'Ben', 'Cleo']);
    // Pages of two, following the cursors.
    const first = await changes(caller, since, 2);
    expect(first.edges.map((edge) => edge.node.name)).toEqual(['Ada', 'Ben']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await changes(caller, since, 2, first.pageInfo.endCursor);
    expect(second.edges.map((edge) => edge.node.name)).toEqual(['Cleo']);
    const checkpoint = second.pageInfo.endCursor!;

    // Nothing new: an empty page that keeps the place.
    const idle = await changes(caller, since, 2, checkpoint);
    expect(idle.edges).toEqual([]);
    expect(idle.pageInfo.endCursor).toBe(checkpoint);

    // Ada renamed, Ben deleted: from the checkpoint, exactly those two, Ben as a tombstone.
    await mutate(crm.url, caller, 'updateContact', `contact { id } ${USER_ERRORS}`, { contactId: made[0]!.id, name: 'Ada Lovelace' });
    const deleted = await mutate<DeleteContactPayload>(crm.url, caller, 'deleteContact', `deletedContactId ${USER_ERRORS}`, {
      contactId: made[1]!.id,
    });
    expect(deleted.deletedContactId).toBe(made[1]!.id);
    const later = await eventually(
      () => changes(caller, since, 10, checkpoint),
      (page) => page.edges.length === 2,
    );
    expect(later.edges.map((edge) => [edge.node.name, edge.node.deletedAt !== null])).toEqual([
      ['Ada Lovelace', false],
      ['Ben', true],
    ]);
    // The plain list still leaves deleted contacts out; another tenant sees no change at all.
    const live = await query<{ contacts: { totalCount: number } }>(crm.url, caller, '{ contacts { totalCount } }');
    expect(live.contacts.totalCount).toBe(2);
    expect((await changes(newCaller(), since)).totalCount).toBe(0);
  });

  it('does not show a change while an older transaction is still open, so a late commit is never behind the cursor', async () => {
    const caller = newCaller();
    const since = new Date(Date.now() - 1000);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // Another transaction on the module's database, open before the contact is created.
    const blocker = crm.db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        await released;
      },
      { timeout: 30_000 },
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    await createContact(crm.url, caller, { name: 'Late' });
    await new Promise((resolve) => setTimeout(resolve, 2500)); // past the skew margin
    expect((await changes(caller, since)).totalCount).toBe(0);
    release();
    await blocker;
    const settled = await eventually(
      () => changes(caller, since),
      (page) => page.totalCount === 1,
    );
    expect(settled.edges[0]!.node.name).toBe('Late');
  });

  it('refuses a cursor of the plain list with updatedSince (and the reverse) as a client error', async () => {
    const caller = newCaller();
    await createContact(crm.url, caller, { name: 'Dora' });
    const plain = await query<{ contacts: { pageInfo: { endCursor: string } } }>(
      crm.url,
      caller,
      '{ contacts(first: 1) { pageInfo { endCursor } } }',
    );
    await expect(changes(caller, new Date(0), 10, plain.contacts.pageInfo.endCursor)).rejects.toThrow(/Invalid cursor/);
  });
});

describe('deals(updatedSince:)', () => {
  it('returns the deals changed since, oldest change first', async () => {
    const caller = newCaller();
    const contact = await createContact(crm.url, caller, { name: 'Eve' });
    const since = new Date(Date.now() - 1000);
    for (const title of ['One', 'Two'])
      await mutate(crm.url, caller, 'createDeal', `deal { id } ${USER_ERRORS}`, {
        title,
        contactId: contact.id,
        amount: { amount: '10', currency: 'EUR' },
      });
    const page = await eventually(
      () =>
        query<{ deals: { totalCount: number; edges: { node: { title: string } }[] } }>(
          crm.url,
          caller,
          'query($since: DateTime) { deals(updatedSince: $since) { totalCount edges { node { title } } } }',
          { since: since.toISOString() },
        ),
      (data) => data.deals.totalCount === 2,
    );
    expect(page.deals.edges.map((edge) => edge.node.title)).toEqual(['One', 'Two']);
  });
});
