import type { Outbox } from '@tessera/events';
import type { Commission, PayRun } from '../generated/prisma/client.js';
import type { PayrollTx } from '../db.js';
import { toMoney } from '../domain/money.js';

/** The calendar day of a Date scalar value ("2026-11-21"). */
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** Records payroll's domain events in the transaction of the change they describe. */
export class PayrollEvents {
  constructor(
    private readonly outbox: Outbox,
    private readonly tenantId: string,
    /** The trace of what caused the change (the consumed event's), if any. */
    private readonly traceparent: string | null = null,
  ) {}

  /** `payroll.commission.accrued` / `.payable` / `.paid` for a commission in its new state. */
  async commission(tx: PayrollTx, type: 'accrued' | 'payable', commission: Commission): Promise<void> {
    const status = type === 'accrued' ? 'ACCRUED' : 'PAYABLE';
    await this.outbox.record(tx, {
      type: `payroll.commission.${type}`,
      tenantId: this.tenantId,
      subjectId: commission.id,
      traceparent: this.traceparent,
      data: { ...this.commissionFacts(commission), status },
    });
  }

  async commissionPaid(tx: PayrollTx, commission: Commission, payRunId: string): Promise<void> {
    await this.outbox.record(tx, {
      type: 'payroll.commission.paid',
      tenantId: this.tenantId,
      subjectId: commission.id,
      traceparent: this.traceparent,
      data: { ...this.commissionFacts(commission), status: 'PAID', payRunId },
    });
  }

  async payRunApproved(tx: PayrollTx, run: PayRun, payslipCount: number): Promise<void> {
    await this.outbox.record(tx, {
      type: 'payroll.pay_run.approved',
      tenantId: this.tenantId,
      subjectId: run.id,
      traceparent: this.traceparent,
      data: this.payRunFacts(run, payslipCount),
    });
  }

  async payRunPaid(tx: PayrollTx, run: PayRun, payslipCount: number): Promise<void> {
    await this.outbox.record(tx, {
      type: 'payroll.pay_run.paid',
      tenantId: this.tenantId,
      subjectId: run.id,
      traceparent: this.traceparent,
      data: { ...this.payRunFacts(run, payslipCount), paidAt: (run.paidAt ?? new Date()).toISOString() },
    });
  }

  private commissionFacts(commission: Commission) {
    return { employeeId: commission.employeeId, dealId: commission.dealId, amount: toMoney(commission.amount, commission.currency) };
  }

  private payRunFacts(run: PayRun, payslipCount: number) {
    return {
      periodStart: isoDay(run.periodStart),
      periodEnd: isoDay(run.periodEnd),
      gross: toMoney(run.grossTotal, run.currency),
      commissions: toMoney(run.commissionTotal, run.currency),
      payslipCount,
    };
  }
}
