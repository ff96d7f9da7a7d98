import { TenantScope } from '@tessera/prisma';
import type { Outbox } from '@tessera/events';
import type { RequestContext } from '@tessera/service-kit';
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

export interface CrmContext extends RequestContext {
  /** null for a context without a tenant: the subgraph refuses such callers every field. */
  crm: TenantBound | null;
}

export interface CrmDeps {
  db: CrmDb;
  /** Where CRM records its domain events (published by the relay after commit). */
  outbox: Outbox;
}

/** Builds the request context: repositories on a tenant scope, services and DataLoaders over them. */
export function createCrmContext(deps: CrmDeps, base: RequestContext): CrmContext {
  const { tenantId } = base.caller;
  if (!tenantId) return { ...base, crm: null };
  const scope = new TenantScope<CrmTx>(deps.db, tenantId);
  const repositories = {
    contacts: new ContactRepository(scope),
    companies: new CompanyRepository(scope),
    deals: new DealRepository(scope),
  };
  const loaders = createLoaders(repositories);
  const events = new CrmEvents(deps.outbox);
  return {
    ...base,
    crm: {
      contacts: new ContactService(scope, repositories.contacts, repositories.companies, repositories.deals, loaders, events),
      companies: new CompanyService(scope, repositories.companies, loaders, events),
      deals: new DealService(scope, repositories.deals, repositories.contacts, loaders, events),
      loaders,
    },
  };
}

/** The tenant-bound part of the context; callers without a tenant never reach a resolver. */
export function bound(context: CrmContext): TenantBound {
  if (!context.crm) throw new Error('tenant context required');
  return context.crm;
}
