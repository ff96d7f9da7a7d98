import { describe, expect, it } from 'vitest';
import { distinctUuids, manyByKey, oneByKey } from './batching.js';

const a = '01890000-0000-7000-8000-00000000000a';
const b = '01890000-0000-7000-8000-00000000000b';

describe('batch result shapes', () => {
  it('keeps well-formed ids once each', () => {
    expect(distinctUuids([a, 'nope', b, a, ''])).toEqual([a, b]);
  });

  it('answers one row (the first) or null per id, in request order', () => {
    const rows = [
      { id: b, n: 1 },
      { id: a, n: 2 },
      { id: b, n: 3 },
    ];
    expect(oneByKey([a, 'x', b], rows, (row) => row.id)).toEqual([{ id: a, n: 2 }, null, { id: b, n: 1 }]);
  });

  it('answers the rows of each id in fetched order, an empty list for none, leaving keyless rows out', () => {
    const rows = [
      { p: a, n: 1 },
      { p: null, n: 2 },
      { p: a, n: 3 },
      { p: b, n: 4 },
    ];
    expect(manyByKey([b, 'x', a], rows, (row) => row.p)).toEqual([
      [{ p: b, n: 4 }],
      [],
      [
        { p: a, n: 1 },
        { p: a, n: 3 },
      ],
    ]);
  });
});
