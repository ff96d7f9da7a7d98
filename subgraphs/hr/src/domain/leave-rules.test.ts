import { describe, expect, it } from 'vitest';
import { canDecide, cancelledByTermination, checkLeaveRange, leaveDays, MAX_LEAVE_DAYS, rangesOverlap } from './leave-rules.js';

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describe('leave state machine', () => {
  it('approves and rejects only REQUESTED requests', () => {
    for (const decision of ['approve', 'reject'] as const) {
      expect(canDecide('REQUESTED', decision)).toBe(true);
      expect(canDecide('APPROVED', decision)).toBe(false);
      expect(canDecide('REJECTED', decision)).toBe(false);
      expect(canDecide('CANCELLED', decision)).toBe(false);
    }
  });

  it('cancels REQUESTED and APPROVED requests; REJECTED and CANCELLED are final', () => {
    expect(canDecide('REQUESTED', 'cancel')).toBe(true);
    expect(canDecide('APPROVED', 'cancel')).toBe(true);
    expect(canDecide('REJECTED', 'cancel')).toBe(false);
    expect(canDecide('CANCELLED', 'cancel')).toBe(false);
  });
});

describe('leave days', () => {
  it('counts calendar days with both ends included', () => {
    expect(leaveDays(day('2026-03-02'), day('2026-03-02'))).toBe(1);
    expect(leaveDays(day('2026-03-02'), day('2026-03-06'))).toBe(5);
    expect(leaveDays(day('2026-02-27'), day('2026-03-02'))).toBe(4);
    expect(leaveDays(day('2028-02-28'), day('2028-03-01'))).toBe(3);
  });

  it('needs end on or after start, at most a year, and no day before the hire date', () => {
    expect(checkLeaveRange(day('2026-03-02'), day('2026-03-02'), null).ok).toBe(true);
    expect(checkLeaveRange(day('2026-03-03'), day('2026-03-02'), null)).toMatchObject({
      ok: false,
      errors: [{ code: 'INVALID_DATE_RANGE', field: ['input', 'endDate'] }],
    });
    const yearEnd = new Date(day('2026-01-01').getTime() + (MAX_LEAVE_DAYS - 1) * 86_400_000);
    expect(checkLeaveRange(day('2026-01-01'), yearEnd, null).ok).toBe(true);
    expect(checkLeaveRange(day('2026-01-01'), new Date(yearEnd.getTime() + 86_400_000), null).ok).toBe(false);
    expect(checkLeaveRange(day('2026-03-01'), day('2026-03-05'), day('2026-03-02'))).toMatchObject({
      ok: false,
      errors: [{ code: 'INVALID_DATE_RANGE', field: ['input', 'startDate'] }],
    });
    expect(checkLeaveRange(day('2026-03-02'), day('2026-03-05'), day('2026-03-02')).ok).toBe(true);
  });

  it('sees an overlap when two ranges share at least one day', () => {
    const range = (a: string, b: string) => ({ startDate: day(a), endDate: day(b) });
    expect(rangesOverlap(range('2026-03-02', '2026-03-06'), range('2026-03-06', '2026-03-10'))).toBe(true);
    expect(rangesOverlap(range('2026-03-02', '2026-03-06'), range('2026-03-07', '2026-03-10'))).toBe(false);
    expect(rangesOverlap(range('2026-03-02', '2026-03-10'), range('2026-03-04', '2026-03-05'))).toBe(true);
  });
});

describe('termination and leave', () => {
  const last = day('2026-03-10');
  it('cancels every REQUESTED request and APPROVED ones running past the last day', () => {
    expect(cancelledByTermination({ status: 'REQUESTED', endDate: day('2026-01-01') }, last)).toBe(true);
    expect(cancelledByTermination({ status: 'APPROVED', endDate: day('2026-03-11') }, last)).toBe(true);
  });

  it('keeps leave already taken and final requests on record', () => {
    expect(cancelledByTermination({ status: 'APPROVED', endDate: day('2026-03-10') }, last)).toBe(false);
    expect(cancelledByTermination({ status: 'REJECTED', endDate: day('2026-04-01') }, last)).toBe(false);
    expect(cancelledByTermination({ status: 'CANCELLED', endDate: day('2026-04-01') }, last)).toBe(false);
  });
});
