import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asTenant,
  mutate,
  newCaller,
  query,
  recordedEvents,
  resolveEntities,
  USER_ERRORS,
  callSubgraph,
} from '../../../packages/testkit/src/index.js';
import { ITEM_FIELDS, start__Module__, type Running__Module__ } from './harness.js';

let running: Running__Module__;
beforeAll(async () => {
  running = await start__Module__();
});
afterAll(() => running.stop());

type Item = { id: string; name: string; confirmedAt: string | null; createdAt: string };
const create = (caller: ReturnType<typeof newCaller>, name: string) =>
  mutate<{ __entity__: Item | null; userErrors: { code: string; field: string[] | null }[] }>(
    running.url,
    caller,
    'create__Entity__',
    `__entity__ { ${ITEM_FIELDS} } ${USER_ERRORS}`,
    { name },
  );

describe('__Title__', () => {
  it('creates an item, records its event in the same transaction, and lists it', async () => {
    const caller = newCaller();
    const { __entity__: item, userErrors } = await create(caller, '  First item ');
    expect(userErrors).toEqual([]);
    expect(item).toMatchObject({ name: 'First item', confirmedAt: null });
    const events = await recordedEvents(running.db, caller.tenantId, '__module__.item.created');
    expect(events).toEqual([expect.objectContaining({ subjectId: item!.id, data: { name: 'First item' } })]);
    const { __entities__ } = await query<{ __entities__: { totalCount: number; edges: { node: Item }[] } }>(
      running.url,
      caller,
      `{ __entities__(first: 10) { totalCount edges { node { ${ITEM_FIELDS} } } } }`,
    );
    expect(__entities__.totalCount).toBe(1);
    expect(__entities__.edges.map((edge) => edge.node.id)).toEqual([item!.id]);
  });

  it('refuses a blank name with a user error and changes nothing', async () => {
    const caller = newCaller();
    const { __entity__: item, userErrors } = await create(caller, '   ');
    expect(item).toBeNull();
    expect(userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'name'] })]);
    expect(await recordedEvents(running.db, caller.tenantId)).toEqual([]);
  });

  it('confirms an item when its created event comes back through the consumer, once however often it arrives', async () => {
    const caller = newCaller();
    const { __entity__: item } = await create(caller, 'Confirm me');
    const [event] = await recordedEvents(running.db, caller.tenantId, '__module__.item.created');
    await running.deliver(event!.envelope, event!.envelope);
    const { __entity__: confirmed } = await query<{ __entity__: Item }>(
      running.url,
      caller,
      `query($id: ID!) { __entity__(id: $id) { ${ITEM_FIELDS} } }`,
      {
        id: item!.id,
      },
    );
    expect(confirmed.confirmedAt).toBe(event!.envelope.occurredAt);
  });

  it('never shows one tenant another tenant’s item: by id, in lists, through _entities, or in the database', async () => {
    const a = newCaller();
    const b = newCaller();
    const { __entity__: item } = await create(a, 'A only');
    const byId = await query<{ __entity__: Item | null }>(running.url, b, `query($id: ID!) { __entity__(id: $id) { id } }`, {
      id: item!.id,
    });
    expect(byId.__entity__).toBeNull();
    const list = await query<{ __entities__: { totalCount: number } }>(running.url, b, '{ __entities__ { totalCount } }');
    expect(list.__entities__.totalCount).toBe(0);
    const entities = await resolveEntities(running.url, b, [{ __typename: '__Entity__', id: item!.id }], '... on __Entity__ { id }');
    expect(entities.data?._entities).toEqual([null]);
    expect(await asTenant(running.db, b.tenantId, (tx) => tx.__entity__.count())).toBe(0);
  });

  it('answers nothing without a signed caller context', async () => {
    const response = await callSubgraph(running.url, null, '{ __entities__ { totalCount } }');
    expect(response.status).toBe(401);
  });
});
