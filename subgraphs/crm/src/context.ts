import type { ModuleContext, TenantDeps } from '@tessera/service-kit';
import type { CrmDb, CrmTx } from './db.js';
import { CrmEvents } from './events/crm-events.js';
import { createLoaders, type CrmLoaders } from './loaders.js';
import { createRepositories } from './repositories/index.js';
import { CompanyService } from './services/company-service.js';
import { ContactService } from './services/contact-service.js';
import { DealService } from './services/deal-service.js';

/** Per-request services and loaders of an authenticated caller, bound to the caller's tenant. */
export interface TenantBound {
  contacts: ContactService;
  companies: CompanyService;
  deals: DealService;
  loaders: CrmLoaders;
}

export type CrmContext = ModuleContext<TenantBound>;

/** A request's services: repositories on the caller's tenant, loaders, the events writer. */
export function crmTenant({ scope, caller, outbox, references }: TenantDeps<CrmDb, CrmTx, unknown>): TenantBound {
  const repositories = createRepositories(caller.tenantId);
  const loaders = createLoaders(scope, repositories);
  const events = new CrmEvents(outbox, caller.tenantId);
  return {
    contacts: new ContactService(scope, repositories, loaders, events),
    companies: new CompanyService(scope, repositories, loaders, events),
    deals: new DealService(scope, repositories, loaders, events, references),
    loaders,
  };
}

export { bound } from '@tessera/service-kit';
