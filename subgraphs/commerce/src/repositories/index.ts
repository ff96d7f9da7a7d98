import { PriceRepository, ProductRepository, VariantRepository } from './catalog-repositories.js';
import { OrderLineRepository, OrderRepository } from './order-repositories.js';
import { LevelRepository, LocationRepository, MovementRepository } from './stock-repositories.js';

export type { MovementData } from './stock-repositories.js';

/** Commerce's repositories, bound to one tenant (every query also filters by it; row-level security applies too). */
export function createRepositories(tenantId: string) {
  return {
    products: new ProductRepository(tenantId),
    variants: new VariantRepository(tenantId),
    prices: new PriceRepository(tenantId),
    locations: new LocationRepository(tenantId),
    levels: new LevelRepository(tenantId),
    movements: new MovementRepository(tenantId),
    orders: new OrderRepository(tenantId),
    lines: new OrderLineRepository(tenantId),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
