import { type Connection, errorsOf, isUuid, listPage, type UserError } from '@tessera/service-kit';
import type { TenantScope } from '@tessera/prisma';
import type { LeaveRequest } from '../generated/prisma/client.js';
import type { DecideLeaveInput, QueryLeaveRequestsArgs, RequestLeaveInput } from '../generated/graphql.js';
import type { HrTx } from '../db.js';
import type { HrLoaders } from '../loaders.js';
import type { Repositories } from '../repositories/index.js';
import { utcDay } from '../domain/dates.js';
import { checkText } from '../domain/employee-fields.js';
import { checkLeaveRange, LEAVE_DECISIONS, type LeaveDecision } from '../domain/leave-rules.js';
import { isExclusionViolation } from '@tessera/prisma';
import {
  employeeNotFound,
  employeeTerminated,
  invalidTransition,
  leaveOverlap,
  leaveOverlapSomeDays,
  leaveRequestNotFound,
} from '../errors.js';

export interface LeaveRequestPayload {
  leaveRequest: LeaveRequest | null;
  userErrors: UserError[];
}

const refused = (...userErrors: UserError[]): LeaveRequestPayload => ({ leaveRequest: null, userErrors });

/**
 * Leave requests of the caller's tenant: REQUESTED -> APPROVED | REJECTED | CANCELLED, APPROVED ->
 * CANCELLED. An employee's REQUESTED and APPROVED requests never overlap (checked under a lock on
 * the employee, and by an exclusion constraint in the database).
 */
export class LeaveService {
  constructor(
    private readonly scope: TenantScope<HrTx>,
    private readonly repositories: Repositories,
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
        : this.scope.run((tx) => this.repositories.leaveRequests.page(tx, { ...window, employeeId, statuses })),
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
      const employee = await this.repositories.employees.lock(tx, input.employeeId, 'update');
      if (!employee) return refused(employeeNotFound());
      if (employee.terminatedAt !== null)
        return refused(employeeTerminated(['input', 'employeeId'], 'A terminated employee cannot request leave'));
      const days = checkLeaveRange(startDate, endDate, employee.hiredAt);
      if (!days.ok) return refused(...days.errors);
      const other = await this.repositories.leaveRequests.findLiveOverlapping(tx, employee.id, startDate, endDate);
      if (other) return refused(leaveOverlap(other));
      const leaveRequest = await this.repositories.leaveRequests.create(tx, {
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
        return refused(leaveOverlapSomeDays());
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
      const leaveRequest = await this.repositories.leaveRequests.decide(tx, input.leaveRequestId, from, {
        status: to,
        decisionNote: note.value,
        decidedAt: this.now(),
      });
      if (leaveRequest) return { leaveRequest, userErrors: [] };
      const current = await this.repositories.leaveRequests.findById(tx, input.leaveRequestId);
      if (!current) return refused(leaveRequestNotFound());
      return refused(
        invalidTransition(`The leave request is ${current.status}; only ${from.join(' or ')} requests can be ${decisionPast[decision]}`),
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
