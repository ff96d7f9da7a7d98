import type { ModuleKey, Plan } from '../generated/prisma/client.js';

/** The modules each plan enables (contract: FREE = CRM, INVOICING, BOOKING; BUSINESS = all). */
export const PLAN_MODULES: Record<Plan, ModuleKey[]> = {
  FREE: ['CRM', 'INVOICING', 'BOOKING'],
  BUSINESS: ['CRM', 'INVOICING', 'HR', 'PAYROLL', 'PROJECTS', 'BOOKING', 'COMMERCE', 'POS', 'ANALYTICS', 'FLEET'],
};
