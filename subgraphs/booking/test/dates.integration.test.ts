import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codesOf, mutate, newCaller, query, USER_ERRORS } from '../../../packages/testkit/src/index.js';
import { createResource, createService, startBooking, type Data, type Payload, type RunningBooking } from './harness.js';

let booking: RunningBooking;
beforeAll(async () => {
  booking = await startBooking();
});
afterAll(async () => {
  await booking.stop();
});

/** Years JavaScript's Date.UTC(y, …) and new Date(y, m, d) would move to 1900 + y, and the edges of the range. */
const DAYS = ['0001-01-01', '0099-12-31', '0100-01-01', '1999-12-31', '9999-12-31'];
const OVERRIDES = `resource { id dateOverrides { date closed intervals { start end } } } ${USER_ERRORS}`;

describe('date overrides are stored exactly as given', () => {
  it('round-trips years 1, 99, 100, 1999 and 9999 through set, the database, the date filter and remove', async () => {
    const caller = newCaller();
    const service = await createService(booking.url, caller);
    const resource = await createResource(booking.url, caller, [service.id]);
    for (const date of DAYS) {
      const set = await mutate<Payload>(booking.url, caller, 'setDateOverride', OVERRIDES, {
        resourceId: resource.id,
        date,
        intervals: [{ start: '10:00', end: '11:00' }],
      });
      expect(set.userErrors, date).toEqual([]);
      expect(set.resource.dateOverrides.map((override: { date: string }) => override.date)).toContain(date);
    }
    const read = (from: string | null, to: string | null) =>
      query<Data>(
        booking.url,
        caller,
        `query($id: ID!, $from: Date, $to: Date) { resource(id: $id) { dateOverrides(from: $from, to: $to) { date closed } } }`,
        { id: resource.id, from, to },
      );
    expect((await read(null, null)).resource.dateOverrides).toEqual(DAYS.map((date) => ({ date, closed: false })));
    for (const date of DAYS) {
      expect((await read(date, date)).resource.dateOverrides, date).toEqual([{ date, closed: false }]);
    }
    for (const date of DAYS) {
      const removed = await mutate<Payload>(booking.url, caller, 'removeDateOverride', OVERRIDES, { resourceId: resource.id, date });
      expect(removed.userErrors, date).toEqual([]);
      expect(removed.resource.dateOverrides.map((override: { date: string }) => override.date)).not.toContain(date);
      const again = await mutate<Payload>(booking.url, caller, 'removeDateOverride', OVERRIDES, { resourceId: resource.id, date });
      expect(codesOf(again), date).toEqual(['NOT_FOUND']);
      expect(again.userErrors[0]!.message).toBe(`The resource has no override on ${date}`);
    }
  });
});
