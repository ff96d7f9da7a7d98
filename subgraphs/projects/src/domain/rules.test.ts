import { describe, expect, it } from 'vitest';
import { canMoveProject, canMoveTask, checkColumns, checkDates, checkMinutes, checkName, reorder } from './rules.js';

describe('task state machine', () => {
  it('lets open tasks move among each other, to DONE and to CANCELLED', () => {
    expect(canMoveTask('TODO', 'IN_PROGRESS')).toBe(true);
    expect(canMoveTask('IN_PROGRESS', 'BLOCKED')).toBe(true);
    expect(canMoveTask('BLOCKED', 'IN_PROGRESS')).toBe(true);
    expect(canMoveTask('IN_PROGRESS', 'DONE')).toBe(true);
    expect(canMoveTask('TODO', 'CANCELLED')).toBe(true);
  });
  it('refuses completing a blocked task and staying in place', () => {
    expect(canMoveTask('BLOCKED', 'DONE')).toBe(false);
    expect(canMoveTask('TODO', 'TODO')).toBe(false);
  });
  it('reopens DONE and CANCELLED only to TODO', () => {
    expect(canMoveTask('DONE', 'TODO')).toBe(true);
    expect(canMoveTask('CANCELLED', 'TODO')).toBe(true);
    expect(canMoveTask('DONE', 'IN_PROGRESS')).toBe(false);
    expect(canMoveTask('CANCELLED', 'DONE')).toBe(false);
  });
});

describe('project status machine', () => {
  it('allows the planned path and pausing', () => {
    expect(canMoveProject('PLANNED', 'ACTIVE')).toBe(true);
    expect(canMoveProject('ACTIVE', 'ON_HOLD')).toBe(true);
    expect(canMoveProject('ON_HOLD', 'ACTIVE')).toBe(true);
    expect(canMoveProject('ACTIVE', 'COMPLETED')).toBe(true);
  });
  it('keeps COMPLETED and CANCELLED final and refuses skipping ACTIVE', () => {
    expect(canMoveProject('PLANNED', 'COMPLETED')).toBe(false);
    expect(canMoveProject('COMPLETED', 'ACTIVE')).toBe(false);
    expect(canMoveProject('CANCELLED', 'PLANNED')).toBe(false);
    expect(canMoveProject('ON_HOLD', 'COMPLETED')).toBe(false);
  });
});

describe('time entry minutes', () => {
  it('accepts 1 to 1440 whole minutes', () => {
    expect(checkMinutes(1, ['m']).ok).toBe(true);
    expect(checkMinutes(1440, ['m']).ok).toBe(true);
  });
  it('refuses 0, negatives, fractions and more than a day', () => {
    for (const minutes of [0, -5, 1.5, 1441]) {
      const checked = checkMinutes(minutes, ['m']);
      expect(checked.ok).toBe(false);
      if (!checked.ok) expect(checked.errors[0]!.code).toBe('INVALID_MINUTES');
    }
  });
});

describe('names, columns and dates', () => {
  it('trims names and refuses empty or overlong ones', () => {
    expect(checkName('  Launch ', ['n'])).toEqual({ ok: true, value: 'Launch' });
    expect(checkName('   ', ['n']).ok).toBe(false);
    expect(checkName('x'.repeat(201), ['n']).ok).toBe(false);
  });
  it('defaults the board and refuses empty or duplicate columns', () => {
    expect(checkColumns(undefined, ['c'])).toEqual({ ok: true, value: ['Backlog', 'To do', 'Doing', 'Done'] });
    expect(checkColumns([], ['c']).ok).toBe(false);
    const duplicate = checkColumns(['Doing', 'doing '], ['c']);
    expect(duplicate.ok).toBe(false);
    if (!duplicate.ok) expect(duplicate.errors[0]).toMatchObject({ code: 'DUPLICATE_COLUMN', field: ['c', '1'] });
  });
  it('refuses a due date before the start date', () => {
    const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
    expect(checkDates(day('2026-02-01'), day('2026-01-31'), ['d']).ok).toBe(false);
    expect(checkDates(day('2026-02-01'), day('2026-02-01'), ['d']).ok).toBe(true);
    expect(checkDates(null, day('2026-01-31'), ['d']).ok).toBe(true);
  });
});

describe('board reorder', () => {
  const board = new Map([
    ['a', ['t1', 't2', 't3']],
    ['b', ['u1', 'u2']],
  ]);
  it('moves within a column', () => {
    expect(reorder(board, 't3', 'a', 0)).toEqual(new Map([['a', ['t3', 't1', 't2']]]));
  });
  it('moves across columns, closing the gap and making room', () => {
    expect(reorder(board, 't1', 'b', 1)).toEqual(
      new Map([
        ['a', ['t2', 't3']],
        ['b', ['u1', 't1', 'u2']],
      ]),
    );
  });
  it('puts a position beyond the end at the bottom, and handles an empty target column', () => {
    expect(reorder(board, 't2', 'b', 99).get('b')).toEqual(['u1', 'u2', 't2']);
    expect(reorder(board, 't2', 'c', 5).get('c')).toEqual(['t2']);
  });
});
