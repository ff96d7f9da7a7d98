import { CommissionRepository } from './commission-repository.js';
import { CommissionRuleRepository } from './commission-rule-repository.js';
import { PaidDealRepository } from './paid-deal-repository.js';
import { PayProfileRepository } from './pay-profile-repository.js';
import { PayRunRepository } from './pay-run-repository.js';
import { PayslipRepository } from './payslip-repository.js';

/** Payroll's repositories, bound to one tenant (every query also filters by it). */
export function createRepositories(tenantId: string) {
  return {
    profiles: new PayProfileRepository(tenantId),
    rules: new CommissionRuleRepository(tenantId),
    commissions: new CommissionRepository(tenantId),
    paidDeals: new PaidDealRepository(tenantId),
    payRuns: new PayRunRepository(tenantId),
    payslips: new PayslipRepository(tenantId),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
