import { EndpointRepository } from './endpoint-repository.js';
import { DeliveryRepository } from './delivery-repository.js';

/** The module's repositories, bound to one tenant (every query also filters by it). */
export function createRepositories(tenantId: string) {
  return { endpoints: new EndpointRepository(tenantId), deliveries: new DeliveryRepository(tenantId) };
}

export type Repositories = ReturnType<typeof createRepositories>;
