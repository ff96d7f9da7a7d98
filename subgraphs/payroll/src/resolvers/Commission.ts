import type { CommissionResolvers, PayProfileResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';
import { toDecimal, toMoney } from '@tessera/service-kit';

export const Commission: CommissionResolvers = {
  __resolveReference: (reference, context) => bound(context).loaders.commissionById.load(reference.id),
  amount: (commission) => toMoney(commission.amount, commission.currency),
  dealAmount: (commission) => toMoney(commission.dealAmount, commission.currency),
  rate: (commission) => toDecimal(commission.rate),
  deal: (commission) => ({ id: commission.dealId }),
  employee: (commission) => ({ id: commission.employeeId }),
  payslip: (commission, _args, context) => (commission.payslipId ? bound(context).loaders.payslipById.load(commission.payslipId) : null),
};

export const PayProfile: PayProfileResolvers = {
  yearlySalary: (profile) =>
    profile.salaryAmount !== null && profile.salaryCurrency !== null ? toMoney(profile.salaryAmount, profile.salaryCurrency) : null,
  commissionRate: (profile) => (profile.commissionRate === null ? null : toDecimal(profile.commissionRate)),
  effectiveCommissionRate: (profile, _args, context) => bound(context).commissions.effectiveRate(profile),
};
