import type { Page, PageWindow } from '@tessera/service-kit';
import type { LeaveRequest, LeaveStatus, LeaveType, Prisma } from '../generated/prisma/client.js';
import type { HrTx } from '../db.js';
import { LIVE_STATUSES } from '../domain/leave-rules.js';

export interface LeaveRequestData {
  employeeId: string;
  type: LeaveType;
  startDate: Date;
  endDate: Date;
  reason: string | null;
}

export interface LeaveDecisionChange {
  status: LeaveStatus;
  decisionNote: string | null;
  decidedAt: Date;
}

/** Leave requests: SQL only. Every query filters by the tenant (row-level security is the second lock). */
export class LeaveRequestRepository {
  constructor(private readonly tenantId: string) {}

  findByIds(tx: HrTx, ids: string[]): Promise<LeaveRequest[]> {
    return tx.leaveRequest.findMany({ where: { tenantId: this.tenantId, id: { in: ids } } });
  }

  /** Every leave request of these employees, oldest first, in one statement. */
  listByEmployeeIds(tx: HrTx, employeeIds: string[]): Promise<LeaveRequest[]> {
    return tx.leaveRequest.findMany({ where: { tenantId: this.tenantId, employeeId: { in: employeeIds } }, orderBy: { id: 'asc' } });
  }

  /** Which of these employees an APPROVED leave request covers on `day`, in one statement. */
  async employeesOnLeave(tx: HrTx, employeeIds: string[], day: Date): Promise<string[]> {
    const rows = await tx.leaveRequest.findMany({
      where: {
        tenantId: this.tenantId,
        employeeId: { in: employeeIds },
        status: 'APPROVED',
        startDate: { lte: day },
        endDate: { gte: day },
      },
      select: { employeeId: true },
      distinct: ['employeeId'],
    });
    return rows.map((row) => row.employeeId);
  }

  /** Whether an APPROVED leave request of the employee covers `day` (inside a transaction). */
  async isOnLeave(tx: HrTx, employeeId: string, day: Date): Promise<boolean> {
    const found = await tx.leaveRequest.findFirst({
      where: { tenantId: this.tenantId, employeeId, status: 'APPROVED', startDate: { lte: day }, endDate: { gte: day } },
      select: { id: true },
    });
    return found !== null;
  }

  /** One page of the tenant's leave requests, optionally of one employee and/or some statuses. */
  async page(tx: HrTx, query: PageWindow & { employeeId: string | null; statuses: LeaveStatus[] | null }): Promise<Page<LeaveRequest>> {
    const where: Prisma.LeaveRequestWhereInput = { tenantId: this.tenantId };
    if (query.employeeId) where.employeeId = query.employeeId;
    if (query.statuses) where.status = { in: query.statuses };
    const rows = await tx.leaveRequest.findMany({
      where: query.afterId ? { ...where, id: { gt: query.afterId } } : where,
      orderBy: { id: 'asc' },
      take: query.take + 1,
    });
    const totalCount = await tx.leaveRequest.count({ where });
    return { rows, totalCount };
  }

  findById(tx: HrTx, id: string): Promise<LeaveRequest | null> {
    return tx.leaveRequest.findFirst({ where: { tenantId: this.tenantId, id } });
  }

  /** The employee's first REQUESTED or APPROVED request sharing a day with startDate..endDate, if any. */
  findLiveOverlapping(tx: HrTx, employeeId: string, startDate: Date, endDate: Date): Promise<LeaveRequest | null> {
    return tx.leaveRequest.findFirst({
      where: {
        tenantId: this.tenantId,
        employeeId,
        status: { in: [...LIVE_STATUSES] },
        startDate: { lte: endDate },
        endDate: { gte: startDate },
      },
      orderBy: { startDate: 'asc' },
    });
  }

  create(tx: HrTx, data: LeaveRequestData): Promise<LeaveRequest> {
    return tx.leaveRequest.create({ data: { ...data, tenantId: this.tenantId } });
  }

  /**
   * Applies a decision only if the request is currently in one of `fromStatuses` (a conditional
   * UPDATE, so two concurrent decisions cannot both succeed). Null when there is no such request.
   */
  async decide(tx: HrTx, id: string, fromStatuses: readonly LeaveStatus[], change: LeaveDecisionChange): Promise<LeaveRequest | null> {
    const [updated] = await tx.leaveRequest.updateManyAndReturn({
      where: { tenantId: this.tenantId, id, status: { in: [...fromStatuses] } },
      data: change,
    });
    return updated ?? null;
  }

  /**
   * Cancels what a termination on `lastDay` cancels (see cancelledByTermination): every REQUESTED
   * request and every APPROVED one running past the last day. Returns the requests cancelled.
   */
  cancelForTermination(tx: HrTx, employeeId: string, lastDay: Date, note: string, at: Date): Promise<LeaveRequest[]> {
    return tx.leaveRequest.updateManyAndReturn({
      where: {
        tenantId: this.tenantId,
        employeeId,
        OR: [{ status: 'REQUESTED' }, { status: 'APPROVED', endDate: { gt: lastDay } }],
      },
      data: { status: 'CANCELLED', decisionNote: note, decidedAt: at },
    });
  }
}
