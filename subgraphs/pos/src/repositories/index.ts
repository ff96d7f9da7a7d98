import { RegisterRepository } from './register-repository.js';
import { SaleRepository } from './sale-repository.js';
import { SessionRepository } from './session-repository.js';

/** Every POS repository, bound to one tenant. */
export interface PosRepositories {
  registers: RegisterRepository;
  sessions: SessionRepository;
  sales: SaleRepository;
}

export function createRepositories(tenantId: string): PosRepositories {
  return { registers: new RegisterRepository(tenantId), sessions: new SessionRepository(tenantId), sales: new SaleRepository(tenantId) };
}
