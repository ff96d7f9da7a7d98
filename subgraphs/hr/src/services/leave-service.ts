import { type Connection, isUuid, listPage, userError, type UserError } from '@tessera/service-kit';
import type { TenantScope } from '@tessera/prisma';
import type { LeaveRequest } from '../generated/prisma/client.js';
import type { DecideLeaveInput, QueryLeaveRequestsArgs, RequestLeaveInput } from '../generated/graphql.js';
import type { HrTx } from '../db.js';
import type { HrLoaders } from '../loaders.js';
import type { EmployeeRepository } from '../repositories/employee-repository.js';
import type { LeaveRequestRepository } from '../repositories/leave-request-repository.js';
import { errorsOf } from '../domain/checked.js';
import { formatDay, utcDay } from '../domain/dates.js';
import { checkText } from '../domain/employee-fields.js';
import { checkLeaveRange, LEAVE_DECISIONS, type LeaveDecision } from '../domain/leave-rules.js';
import { isExclusionViolation } from '@tessera/prisma';
import { employeeNotFound, employeeTerminated, leaveRequestNotFound } from './refusals.js';

export interface LeaveRequestPayload {
  leaveRequest: LeaveRequest | null;
  userErrors: UserError[];
}

const refused = (...userErrors: UserError[]): LeaveRequestPayload => ({ leaveRequest: null, userErrors });

const overlap = (other: { startDate: Date; endDate: Date; status: string }): UserError =>
  userError(
    'LEAVE_OVERLAP',
    `The employee already has ${other.status} leave from ${formatDay(other.startDate)} to ${formatDay(other.endDate)}`,
    ['input', 'startDate'],
  );

/**
 * Leave requests of the caller's tenant: REQUESTED -> APPROVED | REJECTED | CANCELLED, APPROVED ->
 * CANCELLED. An employee's REQUESTED and APPROVED requests never overlap (checked under a lock on
 * the employee, and by an exclusion constraint in the database).
 */
export class LeaveService {
  constructor(
    private readonly scope: TenantScope<HrTx>,
    private readonly leaveRequests: LeaveRequestRepository,
    private readonly employees: EmployeeRepository,
    private readonly loaders: HrLoaders,
    private readonly now: () => Date,
  ) {}

  get(id: string): Promise<LeaveRequest | null> {
    return this.loaders.leaveRequestById.load(id);
  }

  /** Leave requests, optionally of one employee and/or some statuses (an empty list matches none). */
  list(args: QueryLeaveRequestsArgs): Promise<Connection<LeaveRequest>> {
    const employeeId = args.filter?.employeeId ?? null;
    const statuses = args.filter?.status ?? null;
    return listPage(args, async (window) =>
      employeeId !== null && !isUuid(employeeId)
        ? { rows: [], totalCount: 0 }
        : this.leaveRequests.page({ ...window, employeeId, statuses }),
    );
  }

  ofEmployee(employeeId: string): Promise<LeaveRequest[]> {
    return this.loaders.leaveRequestsByEmployeeId.load(employeeId);
  }

  /** Asks for leave for a non-terminated employee; refused when it overlaps their REQUESTED or APPROVED leave. */
  async request(input: RequestLeaveInput): Promise<LeaveRequestPayload> {
    const startDate = utcDay(input.startDate);
    const endDate = utcDay(input.endDate);
    const reason = checkText(input.reason, ['input', 'reason'], 'Reason');
    const range = checkLeaveRange(startDate, endDate, null);
    const errors = [...(isUuid(input.employeeId) ? [] : [employeeNotFound()]), ...errorsOf(reason, range)];
    if (errors.length > 0 || !reason.ok) return refused(...errors);

    const work = async (tx: HrTx): Promise<LeaveRequestPayload> => {
      // The lock serialises this employee's requests (and their termination): the overlap check holds.
      const employee = await this.employees.lock(tx, input.employeeId, 'update');
      if (!employee) return refused(employeeNotFound());
      if (employee.terminatedAt !== null)
        return refused(employeeTerminated(['input', 'employeeId'], 'A terminated employee cannot request leave'));
      const days = checkLeaveRange(startDate, endDate, employee.hiredAt);
      if (!days.ok) return refused(...days.errors);
      const other = await this.leaveRequests.findLiveOverlapping(tx, employee.id, startDate, endDate);
      if (other) return refused(overlap(other));
      const leaveRequest = await this.leaveRequests.create(tx, {
        employeeId: employee.id,
        type: input.type,
        startDate,
        endDate,
        reason: reason.value,
      });
      return { leaveRequest, userErrors: [] };
    };

    try {
      return this.remember(await this.scope.run(work));
    } catch (error) {
      // The exclusion constraint is the last word should anything ever slip past the lock.
      if (isExclusionViolation(error)) {
        return refused(userError('LEAVE_OVERLAP', 'The employee already has leave on some of these days', ['input', 'startDate']));
      }
      throw error;
    }
  }

  approve(input: DecideLeaveInput): Promise<LeaveRequestPayload> {
    return this.decide(input, 'approve');
  }

  reject(input: DecideLeaveInput): Promise<LeaveRequestPayload> {
    return this.decide(input, 'reject');
  }

  cancel(input: DecideLeaveInput): Promise<LeaveRequestPayload> {
    return this.decide(input, 'cancel');
  }

  /** Applies a decision if the request's status allows it (one conditional UPDATE: race-free); else says why not. */
  private async decide(input: DecideLeaveInput, decision: LeaveDecision): Promise<LeaveRequestPayload> {
    const note = checkText(input.note, ['input', 'note'], 'Note');
    const errors = [...(isUuid(input.leaveRequestId) ? [] : [leaveRequestNotFound()]), ...errorsOf(note)];
    if (errors.length > 0 || !note.ok) return refused(...errors);
    const { from, to } = LEAVE_DECISIONS[decision];
    const result = await this.scope.run(async (tx): Promise<LeaveRequestPayload> => {
      const leaveRequest = await this.leaveRequests.decide(tx, input.leaveRequestId, from, {
        status: to,
        decisionNote: note.value,
        decidedAt: this.now(),
      });
      if (leaveRequest) return { leaveRequest, userErrors: [] };
      const current = await this.leaveRequests.findById(tx, input.leaveRequestId);
      if (!current) return refused(leaveRequestNotFound());
      return refused(
        userError(
          'INVALID_TRANSITION',
          `The leave request is ${current.status}; only ${from.join(' or ')} requests can be ${decisionPast[decision]}`,
          ['input', 'leaveRequestId'],
        ),
      );
    });
    return this.remember(result);
  }

  private remember(result: LeaveRequestPayload): LeaveRequestPayload {
    const leave = result.leaveRequest;
    if (leave) {
      this.loaders.leaveRequestById.clear(leave.id).prime(leave.id, leave);
      this.loaders.leaveRequestsByEmployeeId.clear(leave.employeeId);
      this.loaders.onLeaveToday.clear(leave.employeeId);
    }
    return result;
  }
}

const decisionPast: Record<LeaveDecision, string> = { approve: 'approved', reject: 'rejected', cancel: 'cancelled' };
