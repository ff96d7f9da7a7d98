import type { Outbox, SqlExecutor } from '@tessera/events';
import { isoDay, toMoney } from '@tessera/service-kit';
import type { Commission, PayRun } from '../generated/prisma/client.js';

/** What every payroll.commission.* event says of the commission. */
const commissionFacts = (commission: Commission) => ({
  employeeId: commission.employeeId,
  dealId: commission.dealId,
  amount: toMoney(commission.amount, commission.currency),
});

/** The payload of `payroll.commission.accrued` / `.payable` for a commission in that state. */
export const commissionData = (commission: Commission, status: 'ACCRUED' | 'PAYABLE') => ({ ...commissionFacts(commission), status });

/** The payload of `payroll.commission.paid` for a commission paid by a pay run. */
export const commissionPaidData = (commission: Commission, payRunId: string) => ({
  ...commissionFacts(commission),
  status: 'PAID' as const,
  payRunId,
});

/** The payload of `payroll.pay_run.approved` for a run and its number of payslips. */
export const payRunData = (run: PayRun, payslipCount: number) => ({
  periodStart: isoDay(run.periodStart),
  periodEnd: isoDay(run.periodEnd),
  gross: toMoney(run.grossTotal, run.currency),
  commissions: toMoney(run.commissionTotal, run.currency),
  payslipCount,
});

/** The payload of `payroll.pay_run.paid` for a run and its number of payslips. */
export const payRunPaidData = (run: PayRun, payslipCount: number) => ({
  ...payRunData(run, payslipCount),
  paidAt: (run.paidAt ?? new Date()).toISOString(),
});

/** Records payroll's events, in the transaction of the change they describe. */
export class PayrollEvents {
  constructor(
    private readonly outbox: Outbox,
    private readonly tenantId: string,
  ) {}

  async commissionAccrued(tx: SqlExecutor, commission: Commission): Promise<void> {
    await this.outbox.record(tx, {
      type: 'payroll.commission.accrued',
      tenantId: this.tenantId,
      subjectId: commission.id,
      data: commissionData(commission, 'ACCRUED'),
    });
  }

  async commissionPayable(tx: SqlExecutor, commission: Commission): Promise<void> {
    await this.outbox.record(tx, {
      type: 'payroll.commission.payable',
      tenantId: this.tenantId,
      subjectId: commission.id,
      data: commissionData(commission, 'PAYABLE'),
    });
  }

  async commissionPaid(tx: SqlExecutor, commission: Commission, payRunId: string): Promise<void> {
    await this.outbox.record(tx, {
      type: 'payroll.commission.paid',
      tenantId: this.tenantId,
      subjectId: commission.id,
      data: commissionPaidData(commission, payRunId),
    });
  }

  async payRunApproved(tx: SqlExecutor, run: PayRun, payslipCount: number): Promise<void> {
    await this.outbox.record(tx, {
      type: 'payroll.pay_run.approved',
      tenantId: this.tenantId,
      subjectId: run.id,
      data: payRunData(run, payslipCount),
    });
  }

  async payRunPaid(tx: SqlExecutor, run: PayRun, payslipCount: number): Promise<void> {
    await this.outbox.record(tx, {
      type: 'payroll.pay_run.paid',
      tenantId: this.tenantId,
      subjectId: run.id,
      data: payRunPaidData(run, payslipCount),
    });
  }
}
