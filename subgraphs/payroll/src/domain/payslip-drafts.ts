import { Decimal } from '@tessera/service-kit';
import { basePay, employedDuring, type Period } from './pay-period.js';

/** What a pay run needs to know of a pay profile. */
export interface ProfileFacts {
  employeeId: string;
  name: string;
  salaryAmount: Decimal | null;
  salaryCurrency: string | null;
  hiredOn: Date | null;
  terminatedOn: Date | null;
}

/** A PAYABLE commission not yet in any pay run. */
export interface PayableCommission {
  id: string;
  employeeId: string;
  amount: Decimal;
}

/** A payslip to create. */
export interface PayslipDraft {
  employeeId: string;
  employeeName: string;
  base: Decimal;
  commissionTotal: Decimal;
  gross: Decimal;
  commissionIds: string[];
}

/**
 * The payslips of a pay run, by employee name: one for each profile employed during the period
 * that has a salary in the run's currency (base pay for the days employed) or PAYABLE commissions
 * in it (given in that currency). A salary in another currency counts for that currency's runs only.
 */
export function draftPayslips(
  period: Period,
  currency: string,
  profiles: ProfileFacts[],
  commissions: PayableCommission[],
): PayslipDraft[] {
  const byEmployee = new Map<string, PayableCommission[]>();
  for (const commission of commissions) {
    byEmployee.set(commission.employeeId, [...(byEmployee.get(commission.employeeId) ?? []), commission]);
  }
  const drafts: PayslipDraft[] = [];
  for (const profile of profiles) {
    const employed = employedDuring(period, profile.hiredOn, profile.terminatedOn);
    if (!employed) continue;
    const salaried = profile.salaryAmount !== null && profile.salaryCurrency === currency;
    const own = byEmployee.get(profile.employeeId) ?? [];
    if (!salaried && own.length === 0) continue;
    const base = salaried ? basePay(profile.salaryAmount!, currency, period, employed) : new Decimal(0);
    const commissionTotal = own.reduce((sum, commission) => sum.plus(commission.amount), new Decimal(0));
    drafts.push({
      employeeId: profile.employeeId,
      employeeName: profile.name,
      base,
      commissionTotal,
      gross: base.plus(commissionTotal),
      commissionIds: own.map((commission) => commission.id),
    });
  }
  return drafts.sort((a, b) => a.employeeName.localeCompare(b.employeeName) || a.employeeId.localeCompare(b.employeeId));
}

/** The totals of a pay run: sums of its payslips. */
export function payRunTotals(drafts: PayslipDraft[]): { base: Decimal; commissions: Decimal; gross: Decimal } {
  const sum = (pick: (draft: PayslipDraft) => Decimal) => drafts.reduce((total, draft) => total.plus(pick(draft)), new Decimal(0));
  return { base: sum((d) => d.base), commissions: sum((d) => d.commissionTotal), gross: sum((d) => d.gross) };
}
