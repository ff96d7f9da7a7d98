import { CatalogueRepository } from './catalogue-repository.js';
import { RegisterRepository } from './register-repository.js';
import { SaleRepository } from './sale-repository.js';
import { SessionRepository } from './session-repository.js';

/** Every POS repository, bound to one tenant (every query also filters by it; row-level security applies too). */
export function createRepositories(tenantId: string) {
  return {
    registers: new RegisterRepository(tenantId),
    sessions: new SessionRepository(tenantId),
    sales: new SaleRepository(tenantId),
    catalogue: new CatalogueRepository(tenantId),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
