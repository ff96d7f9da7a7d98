import type { Payslip } from '../generated/prisma/client.js';
import type { Decimal } from '@tessera/service-kit';
import type { PayrollTx } from '../db.js';

export interface NewPayslip {
  employeeId: string;
  employeeName: string;
  base: Decimal;
  commissionTotal: Decimal;
  gross: Decimal;
}

/** SQL access to payslips, always filtered by the tenant. */
export class PayslipRepository {
  constructor(private readonly tenantId: string) {}

  findByIds(tx: PayrollTx, ids: readonly string[]): Promise<Payslip[]> {
    return tx.payslip.findMany({ where: { tenantId: this.tenantId, id: { in: [...ids] } } });
  }

  /** The payslips of many pay runs in one statement, by employee name. */
  listByPayRunIds(tx: PayrollTx, payRunIds: readonly string[]): Promise<Payslip[]> {
    return tx.payslip.findMany({
      where: { tenantId: this.tenantId, payRunId: { in: [...payRunIds] } },
      orderBy: [{ employeeName: 'asc' }, { employeeId: 'asc' }],
    });
  }

  /** The payslips of many employees in one statement, newest first. */
  listByEmployeeIds(tx: PayrollTx, employeeIds: readonly string[]): Promise<Payslip[]> {
    return tx.payslip.findMany({ where: { tenantId: this.tenantId, employeeId: { in: [...employeeIds] } }, orderBy: { id: 'desc' } });
  }

  async idsOfPayRun(tx: PayrollTx, payRunId: string): Promise<string[]> {
    const rows = await tx.payslip.findMany({ where: { tenantId: this.tenantId, payRunId }, select: { id: true } });
    return rows.map((row) => row.id);
  }

  /** Creates a pay run's payslips in one statement. */
  createMany(
    tx: PayrollTx,
    run: { id: string; periodStart: Date; periodEnd: Date; currency: string },
    slips: NewPayslip[],
  ): Promise<Payslip[]> {
    if (slips.length === 0) return Promise.resolve([]);
    return tx.payslip.createManyAndReturn({
      data: slips.map((slip) => ({
        tenantId: this.tenantId,
        payRunId: run.id,
        periodStart: run.periodStart,
        periodEnd: run.periodEnd,
        currency: run.currency,
        employeeId: slip.employeeId,
        employeeName: slip.employeeName,
        base: slip.base.toFixed(),
        commissionTotal: slip.commissionTotal.toFixed(),
        gross: slip.gross.toFixed(),
      })),
    });
  }
}
