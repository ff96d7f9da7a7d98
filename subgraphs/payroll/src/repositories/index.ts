import { CommissionRepository } from './commission-repository.js';
import { CommissionRuleRepository } from './commission-rule-repository.js';
import { PaidDealRepository } from './paid-deal-repository.js';
import { PayProfileRepository } from './pay-profile-repository.js';
import { PayRunRepository } from './pay-run-repository.js';
import { PayslipRepository } from './payslip-repository.js';

/** Every payroll repository, bound to one tenant. */
export interface PayrollRepositories {
  profiles: PayProfileRepository;
  rules: CommissionRuleRepository;
  commissions: CommissionRepository;
  paidDeals: PaidDealRepository;
  payRuns: PayRunRepository;
  payslips: PayslipRepository;
}

export function createRepositories(tenantId: string): PayrollRepositories {
  return {
    profiles: new PayProfileRepository(tenantId),
    rules: new CommissionRuleRepository(tenantId),
    commissions: new CommissionRepository(tenantId),
    paidDeals: new PaidDealRepository(tenantId),
    payRuns: new PayRunRepository(tenantId),
    payslips: new PayslipRepository(tenantId),
  };
}
