import type { Decimal, Page, PageWindow } from '@tessera/service-kit';
import type { PayRun, PayRunStatus, Prisma } from '../generated/prisma/client.js';
import { advisoryLock } from '@tessera/prisma';
import type { PayrollTx } from '../db.js';

export interface PayRunChange {
  status: PayRunStatus;
  approvedAt?: Date;
  paidAt?: Date;
  cancelledAt?: Date;
}

export interface PayRunTotals {
  base: Decimal;
  commissions: Decimal;
  gross: Decimal;
}

/** SQL access to pay runs, always filtered by the tenant. */
export class PayRunRepository {
  constructor(private readonly tenantId: string) {}

  findByIds(tx: PayrollTx, ids: readonly string[]): Promise<PayRun[]> {
    return tx.payRun.findMany({ where: { tenantId: this.tenantId, id: { in: [...ids] } } });
  }

  findById(tx: PayrollTx, id: string): Promise<PayRun | null> {
    return tx.payRun.findFirst({ where: { tenantId: this.tenantId, id } });
  }

  /** One page of the tenant's pay runs, oldest first, optionally of some statuses. */
  async page(tx: PayrollTx, statuses: readonly PayRunStatus[] | null, query: PageWindow): Promise<Page<PayRun>> {
    const where: Prisma.PayRunWhereInput = { tenantId: this.tenantId, ...(statuses ? { status: { in: [...statuses] } } : {}) };
    const rows = await tx.payRun.findMany({
      where: query.afterId ? { ...where, id: { gt: query.afterId } } : where,
      orderBy: { id: 'asc' },
      take: query.take + 1,
    });
    return { rows, totalCount: await tx.payRun.count({ where }) };
  }

  /** Serialises the creation of the tenant's pay runs until the transaction ends. */
  lockCreation(tx: PayrollTx): Promise<void> {
    return advisoryLock(tx, `payroll.pay_runs:${this.tenantId}`);
  }

  /** A pay run that is not cancelled, in the currency, sharing at least one day with the period. */
  findOverlapping(tx: PayrollTx, currency: string, start: Date, end: Date): Promise<PayRun | null> {
    return tx.payRun.findFirst({
      where: { tenantId: this.tenantId, currency, status: { not: 'CANCELLED' }, periodStart: { lte: end }, periodEnd: { gte: start } },
      orderBy: { id: 'asc' },
    });
  }

  create(tx: PayrollTx, data: { periodStart: Date; periodEnd: Date; currency: string }): Promise<PayRun> {
    return tx.payRun.create({ data: { ...data, tenantId: this.tenantId } });
  }

  setTotals(tx: PayrollTx, id: string, totals: PayRunTotals): Promise<PayRun> {
    return tx.payRun.update({
      where: { tenantId_id: { tenantId: this.tenantId, id } },
      data: { baseTotal: totals.base.toFixed(), commissionTotal: totals.commissions.toFixed(), grossTotal: totals.gross.toFixed() },
    });
  }

  /** Applies `change` only if the run is in `from` (a conditional UPDATE: concurrent transitions cannot both win). */
  async transition(tx: PayrollTx, id: string, from: PayRunStatus, change: PayRunChange): Promise<PayRun | null> {
    const [updated] = await tx.payRun.updateManyAndReturn({ where: { tenantId: this.tenantId, id, status: from }, data: change });
    return updated ?? null;
  }
}
