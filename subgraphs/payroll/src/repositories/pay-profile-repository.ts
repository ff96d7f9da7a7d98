import type { PayProfile, PayProfileStatus } from '../generated/prisma/client.js';
import type { Decimal } from '@tessera/service-kit';
import { advisoryLock } from '@tessera/prisma';
import type { PayrollTx } from '../db.js';

/** The fields of a profile that HR's events set. */
export interface PayProfileData {
  name: string;
  email: string;
  salaryAmount: Decimal | null;
  salaryCurrency: string | null;
  status: PayProfileStatus;
  hiredOn: Date | null;
  terminatedOn: Date | null;
  /** HR's revision of the employee in the last event applied. */
  hrRevision: number;
}

/** SQL access to pay profiles, always filtered by the tenant. */
export class PayProfileRepository {
  constructor(private readonly tenantId: string) {}

  findByEmployeeIds(tx: PayrollTx, employeeIds: readonly string[]): Promise<PayProfile[]> {
    return tx.payProfile.findMany({ where: { tenantId: this.tenantId, employeeId: { in: [...employeeIds] } } });
  }

  findByEmployeeId(tx: PayrollTx, employeeId: string): Promise<PayProfile | null> {
    return tx.payProfile.findUnique({ where: { tenantId_employeeId: { tenantId: this.tenantId, employeeId } } });
  }

  /** Serialises the changes of one employee's profile until the transaction ends (the row may not exist yet). */
  lock(tx: PayrollTx, employeeId: string): Promise<void> {
    return advisoryLock(tx, `payroll.pay_profile:${this.tenantId}:${employeeId}`);
  }

  create(tx: PayrollTx, employeeId: string, data: PayProfileData): Promise<PayProfile> {
    return tx.payProfile.create({ data: { ...this.columns(data), tenantId: this.tenantId, employeeId } });
  }

  update(tx: PayrollTx, employeeId: string, data: PayProfileData): Promise<PayProfile> {
    return tx.payProfile.update({
      where: { tenantId_employeeId: { tenantId: this.tenantId, employeeId } },
      data: this.columns(data),
    });
  }

  /** Sets or clears the employee's own rate; null when the tenant has no such profile. */
  async setCommissionRate(tx: PayrollTx, employeeId: string, rate: Decimal | null): Promise<PayProfile | null> {
    const [updated] = await tx.payProfile.updateManyAndReturn({
      where: { tenantId: this.tenantId, employeeId },
      data: { commissionRate: rate === null ? null : rate.toFixed() },
    });
    return updated ?? null;
  }

  /** Profiles employed at some point of the period: hired on or before its end (or unknown), not terminated before its start. */
  listEmployedDuring(tx: PayrollTx, start: Date, end: Date): Promise<PayProfile[]> {
    return tx.payProfile.findMany({
      where: {
        tenantId: this.tenantId,
        AND: [{ OR: [{ hiredOn: null }, { hiredOn: { lte: end } }] }, { OR: [{ terminatedOn: null }, { terminatedOn: { gte: start } }] }],
      },
      orderBy: { employeeId: 'asc' },
    });
  }

  private columns(data: PayProfileData) {
    return { ...data, salaryAmount: data.salaryAmount === null ? null : data.salaryAmount.toFixed() };
  }
}
