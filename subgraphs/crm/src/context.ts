import type { ModuleContext, TenantDeps } from '@tessera/service-kit';
import type { CrmDb, CrmTx } from './db.js';
import { createLoaders, type CrmLoaders } from './loaders.js';
import { CompanyRepository } from './repositories/company-repository.js';
import { ContactRepository } from './repositories/contact-repository.js';
import { DealRepository } from './repositories/deal-repository.js';
import { CompanyService } from './services/company-service.js';
import { ContactService } from './services/contact-service.js';
import { DealService } from './services/deal-service.js';
import { CrmEvents } from './events/crm-events.js';

/** Per-request services and loaders of an authenticated caller, bound to the caller's tenant. */
export interface TenantBound {
  contacts: ContactService;
  companies: CompanyService;
  deals: DealService;
  loaders: CrmLoaders;
}

export type CrmContext = ModuleContext<TenantBound>;

/** A request's services: repositories on the caller's tenant scope, services and DataLoaders over them. */
export function crmTenant({ scope, outbox }: TenantDeps<CrmDb, CrmTx, unknown>): TenantBound {
  const repositories = {
    contacts: new ContactRepository(scope),
    companies: new CompanyRepository(scope),
    deals: new DealRepository(scope),
  };
  const loaders = createLoaders(repositories);
  const events = new CrmEvents(outbox);
  return {
    contacts: new ContactService(scope, repositories.contacts, repositories.companies, repositories.deals, loaders, events),
    companies: new CompanyService(scope, repositories.companies, loaders, events),
    deals: new DealService(scope, repositories.deals, repositories.contacts, loaders, events),
    loaders,
  };
}

export { bound } from '@tessera/service-kit';
