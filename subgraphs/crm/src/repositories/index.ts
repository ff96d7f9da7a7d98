import { CompanyRepository } from './company-repository.js';
import { ContactRepository } from './contact-repository.js';
import { DealRepository } from './deal-repository.js';

/** CRM's repositories, bound to one tenant (every query also filters by it). */
export function createRepositories(tenantId: string) {
  return { contacts: new ContactRepository(tenantId), companies: new CompanyRepository(tenantId), deals: new DealRepository(tenantId) };
}

export type Repositories = ReturnType<typeof createRepositories>;
