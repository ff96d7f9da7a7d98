import type { Decimal, Page, PageWindow } from '@tessera/service-kit';
import type { Commission, CommissionStatus, Prisma } from '../generated/prisma/client.js';
import { advisoryLock } from '@tessera/prisma';
import type { PayrollTx } from '../db.js';

export interface NewCommission {
  dealId: string;
  employeeId: string;
  status: 'ACCRUED' | 'PAYABLE';
  dealAmount: Decimal;
  amount: Decimal;
  currency: string;
  rate: Decimal;
  accruedAt: Date;
  payableAt: Date | null;
}

export interface CommissionListFilter {
  statuses: readonly CommissionStatus[] | null;
  employeeId: string | null;
}

/** SQL access to commissions, always filtered by the tenant. */
export class CommissionRepository {
  constructor(private readonly tenantId: string) {}

  findByIds(tx: PayrollTx, ids: readonly string[]): Promise<Commission[]> {
    return tx.commission.findMany({ where: { tenantId: this.tenantId, id: { in: [...ids] } } });
  }

  /** The commissions of many employees in one statement, newest first; `statuses` null means all. */
  listByEmployeeIds(tx: PayrollTx, employeeIds: readonly string[], statuses: readonly CommissionStatus[] | null): Promise<Commission[]> {
    return tx.commission.findMany({
      where: { tenantId: this.tenantId, employeeId: { in: [...employeeIds] }, ...(statuses ? { status: { in: [...statuses] } } : {}) },
      orderBy: { id: 'desc' },
    });
  }

  /** The commissions included in many payslips, in one statement, oldest first. */
  listByPayslipIds(tx: PayrollTx, payslipIds: readonly string[]): Promise<Commission[]> {
    return tx.commission.findMany({ where: { tenantId: this.tenantId, payslipId: { in: [...payslipIds] } }, orderBy: { id: 'asc' } });
  }

  /** One page of the tenant's commissions, oldest first, optionally of some statuses and/or one employee. */
  async page(tx: PayrollTx, filter: CommissionListFilter, query: PageWindow): Promise<Page<Commission>> {
    const where: Prisma.CommissionWhereInput = { tenantId: this.tenantId };
    if (filter.statuses) where.status = { in: [...filter.statuses] };
    if (filter.employeeId) where.employeeId = filter.employeeId;
    const rows = await tx.commission.findMany({
      where: query.afterId ? { ...where, id: { gt: query.afterId } } : where,
      orderBy: { id: 'asc' },
      take: query.take + 1,
    });
    return { rows, totalCount: await tx.commission.count({ where }) };
  }

  /** Serialises everything that concerns one deal's commission (won, paid) until the transaction ends. */
  lockDeal(tx: PayrollTx, dealId: string): Promise<void> {
    return advisoryLock(tx, `payroll.deal:${this.tenantId}:${dealId}`);
  }

  findByDealId(tx: PayrollTx, dealId: string): Promise<Commission | null> {
    return tx.commission.findUnique({ where: { tenantId_dealId: { tenantId: this.tenantId, dealId } } });
  }

  /** Inserts the deal's commission unless it has one (unique per tenant and deal); null when it had. */
  async insertIfAbsent(tx: PayrollTx, data: NewCommission): Promise<Commission | null> {
    const [created] = await tx.commission.createManyAndReturn({
      data: [
        {
          ...data,
          tenantId: this.tenantId,
          dealAmount: data.dealAmount.toFixed(),
          amount: data.amount.toFixed(),
          rate: data.rate.toFixed(),
        },
      ],
      skipDuplicates: true,
    });
    return created ?? null;
  }

  /** ACCRUED -> PAYABLE for the deal's commission (a conditional UPDATE); null when there is no ACCRUED one. */
  async makePayable(tx: PayrollTx, dealId: string, at: Date): Promise<Commission | null> {
    const [updated] = await tx.commission.updateManyAndReturn({
      where: { tenantId: this.tenantId, dealId, status: 'ACCRUED' },
      data: { status: 'PAYABLE', payableAt: at },
    });
    return updated ?? null;
  }

  /** PAYABLE commissions in a currency that no pay run includes, of the given employees. */
  listUnclaimedPayable(tx: PayrollTx, currency: string, employeeIds: readonly string[]): Promise<Commission[]> {
    return tx.commission.findMany({
      where: { tenantId: this.tenantId, status: 'PAYABLE', payslipId: null, currency, employeeId: { in: [...employeeIds] } },
      orderBy: { id: 'asc' },
    });
  }

  /** Puts unclaimed PAYABLE commissions on a payslip; returns how many it claimed. */
  async claim(tx: PayrollTx, ids: readonly string[], payslipId: string): Promise<number> {
    const { count } = await tx.commission.updateMany({
      where: { tenantId: this.tenantId, id: { in: [...ids] }, status: 'PAYABLE', payslipId: null },
      data: { payslipId },
    });
    return count;
  }

  /** Takes the commissions off these payslips (their pay run is cancelled). */
  async release(tx: PayrollTx, payslipIds: readonly string[]): Promise<number> {
    const { count } = await tx.commission.updateMany({
      where: { tenantId: this.tenantId, payslipId: { in: [...payslipIds] } },
      data: { payslipId: null },
    });
    return count;
  }

  /** PAYABLE -> PAID for the commissions on these payslips; returns them. */
  markPaid(tx: PayrollTx, payslipIds: readonly string[], at: Date): Promise<Commission[]> {
    return tx.commission.updateManyAndReturn({
      where: { tenantId: this.tenantId, payslipId: { in: [...payslipIds] }, status: 'PAYABLE' },
      data: { status: 'PAID', paidAt: at },
    });
  }
}
