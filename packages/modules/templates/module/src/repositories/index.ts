import { ItemRepository } from './item-repository.js';

/** The module's repositories, bound to one tenant (every query also filters by it). */
export function createRepositories(tenantId: string) {
  return { items: new ItemRepository(tenantId) };
}

export type Repositories = ReturnType<typeof createRepositories>;
