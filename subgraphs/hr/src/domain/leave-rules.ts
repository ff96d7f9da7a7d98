import { invalid, valid, type Checked } from '@tessera/service-kit';
import type { LeaveStatus } from '../generated/prisma/client.js';
import { refuse } from '../errors.js';
import { daysBetween } from './dates.js';

/** Statuses that hold the employee's days: no two such requests of one employee may overlap. */
export const LIVE_STATUSES: readonly LeaveStatus[] = ['REQUESTED', 'APPROVED'];

/** What can be done to a leave request, and from which statuses to which. */
export const LEAVE_DECISIONS = {
  approve: { from: ['REQUESTED'], to: 'APPROVED' },
  reject: { from: ['REQUESTED'], to: 'REJECTED' },
  cancel: { from: ['REQUESTED', 'APPROVED'], to: 'CANCELLED' },
} as const satisfies Record<string, { from: readonly LeaveStatus[]; to: LeaveStatus }>;

export type LeaveDecision = keyof typeof LEAVE_DECISIONS;

/** Whether `decision` may be applied to a request in `status`. */
export function canDecide(status: LeaveStatus, decision: LeaveDecision): boolean {
  return (LEAVE_DECISIONS[decision].from as readonly LeaveStatus[]).includes(status);
}

/** The longest leave one request may span: a year, both ends included. */
export const MAX_LEAVE_DAYS = 366;

/** How many calendar days a leave spans, both ends included. */
export function leaveDays(startDate: Date, endDate: Date): number {
  return daysBetween(startDate, endDate) + 1;
}

/** The days of a leave request: end on or after start, at most a year, not before the hire date. */
export function checkLeaveRange(startDate: Date, endDate: Date, hiredAt: Date | null): Checked<{ startDate: Date; endDate: Date }> {
  if (endDate.getTime() < startDate.getTime()) {
    return invalid(refuse('INVALID_DATE_RANGE', 'endDate must be on or after startDate', ['input', 'endDate']));
  }
  if (leaveDays(startDate, endDate) > MAX_LEAVE_DAYS) {
    return invalid(refuse('INVALID_DATE_RANGE', `A leave request spans at most ${MAX_LEAVE_DAYS} days`, ['input', 'endDate']));
  }
  if (hiredAt !== null && startDate.getTime() < hiredAt.getTime()) {
    return invalid(refuse('INVALID_DATE_RANGE', 'Leave cannot start before the hire date', ['input', 'startDate']));
  }
  return valid({ startDate, endDate });
}

/** Whether two date ranges (both ends included) share a day. */
export function rangesOverlap(a: { startDate: Date; endDate: Date }, b: { startDate: Date; endDate: Date }): boolean {
  return a.startDate.getTime() <= b.endDate.getTime() && b.startDate.getTime() <= a.endDate.getTime();
}

/**
 * Whether terminating an employee on `lastDay` cancels a leave request: every REQUESTED one, and
 * every APPROVED one that runs past the last day (leave already taken stays on record).
 */
export function cancelledByTermination(leave: { status: LeaveStatus; endDate: Date }, lastDay: Date): boolean {
  if (leave.status === 'REQUESTED') return true;
  return leave.status === 'APPROVED' && leave.endDate.getTime() > lastDay.getTime();
}
