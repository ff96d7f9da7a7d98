import type DataLoader from 'dataloader';
import { primed, tenantLoaders, type LoaderScope } from '@tessera/service-kit';
import type { Order, OrderLine, Product, StockLevel, StockLocation, Variant, VariantPrice } from './generated/prisma/client.js';
import type { CommerceTx } from './db.js';
import type { Repositories } from './repositories/index.js';

/**
 * The request's DataLoaders: every entity reference and every list-per-parent field costs ONE SQL
 * statement per plan step, however many parents ask. Ids that cannot be UUIDs match nothing
 * without reaching the database.
 */
export interface CommerceLoaders {
  productById: DataLoader<string, Product | null>;
  variantById: DataLoader<string, Variant | null>;
  locationById: DataLoader<string, StockLocation | null>;
  orderById: DataLoader<string, Order | null>;
  variantsByProductId: DataLoader<string, Variant[]>;
  pricesByVariantId: DataLoader<string, VariantPrice[]>;
  levelsByVariantId: DataLoader<string, StockLevel[]>;
  levelsByLocationId: DataLoader<string, StockLevel[]>;
  linesByOrderId: DataLoader<string, OrderLine[]>;
  ordersByContactId: DataLoader<string, Order[]>;
}

export function createLoaders(scope: LoaderScope<CommerceTx>, r: Repositories): CommerceLoaders {
  const load = tenantLoaders(scope);
  const variantById = load.byId((tx, ids) => r.variants.findByIds(tx, ids));
  const orderById = load.byId((tx, ids) => r.orders.findByIds(tx, ids));
  return {
    productById: load.byId((tx, ids) => r.products.findByIds(tx, ids)),
    variantById,
    locationById: load.byId((tx, ids) => r.locations.findByIds(tx, ids)),
    orderById,
    variantsByProductId: load.byParent(
      async (tx, ids) => primed(variantById, await r.variants.listByProductIds(tx, ids)),
      (row) => row.productId,
    ),
    pricesByVariantId: load.byParent(
      (tx, ids) => r.prices.listByVariantIds(tx, ids),
      (row) => row.variantId,
    ),
    levelsByVariantId: load.byParent(
      (tx, ids) => r.levels.listByVariantIds(tx, ids),
      (row) => row.variantId,
    ),
    levelsByLocationId: load.byParent(
      (tx, ids) => r.levels.listByLocationIds(tx, ids),
      (row) => row.locationId,
    ),
    linesByOrderId: load.byParent(
      (tx, ids) => r.lines.listByOrderIds(tx, ids),
      (row) => row.orderId,
    ),
    ordersByContactId: load.byParent(
      async (tx, ids) => primed(orderById, await r.orders.listByContactIds(tx, ids)),
      (row) => row.contactId,
    ),
  };
}
