import { AppointmentRepository } from './appointment-repository.js';
import { ResourceRepository } from './resource-repository.js';
import { ServiceRepository } from './service-repository.js';

/** The module's repositories, bound to one tenant (every query also filters by it). */
export function createRepositories(tenantId: string) {
  return {
    services: new ServiceRepository(tenantId),
    resources: new ResourceRepository(tenantId),
    appointments: new AppointmentRepository(tenantId),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
