import type { PayRunResolvers, PayslipResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';
import { toMoney } from '@tessera/service-kit';

export const PayRun: PayRunResolvers = {
  __resolveReference: (reference, context) => bound(context).loaders.payRunById.load(reference.id),
  base: (run) => toMoney(run.baseTotal, run.currency),
  commissions: (run) => toMoney(run.commissionTotal, run.currency),
  gross: (run) => toMoney(run.grossTotal, run.currency),
  payslips: (run, _args, context) => bound(context).loaders.payslipsByPayRunId.load(run.id),
};

export const Payslip: PayslipResolvers = {
  __resolveReference: (reference, context) => bound(context).loaders.payslipById.load(reference.id),
  payRun: async (payslip, _args, context) => {
    const run = await bound(context).loaders.payRunById.load(payslip.payRunId);
    if (!run) throw new Error(`pay run ${payslip.payRunId} of payslip ${payslip.id} not found`);
    return run;
  },
  employee: (payslip) => ({ id: payslip.employeeId }),
  base: (payslip) => toMoney(payslip.base, payslip.currency),
  commissions: (payslip) => toMoney(payslip.commissionTotal, payslip.currency),
  gross: (payslip) => toMoney(payslip.gross, payslip.currency),
  commissionLines: (payslip, _args, context) => bound(context).loaders.commissionsByPayslipId.load(payslip.id),
};
