import DataLoader from 'dataloader';
import type { TenantScope } from '@tessera/prisma';
import { distinctUuids, manyByKey, oneByKey } from '@tessera/service-kit';
import type { Order, OrderLine, Product, StockLevel, StockLocation, Variant, VariantPrice } from './generated/prisma/client.js';
import type { CommerceTx } from './db.js';
import type { CommerceRepositories } from './repositories/index.js';

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

const OPTIONS = { maxBatchSize: 1000 } as const;
export function createLoaders(scope: TenantScope<CommerceTx>, r: CommerceRepositories): CommerceLoaders {
  const fetch = async <T>(ids: readonly string[], query: (tx: CommerceTx, wanted: string[]) => Promise<T[]>): Promise<T[]> => {
    const wanted = distinctUuids(ids);
    return wanted.length === 0 ? [] : scope.run((tx) => query(tx, wanted));
  };
  const byId = <T extends { id: string }>(query: (tx: CommerceTx, wanted: string[]) => Promise<T[]>) =>
    new DataLoader<string, T | null>(async (ids) => oneByKey(ids, await fetch(ids, query), (row) => row.id), OPTIONS);
  const variantById = byId((tx, w) => r.variants.findByIds(tx, w));
  const orderById = byId((tx, w) => r.orders.findByIds(tx, w));
  const primed = <T extends { id: string }>(loader: DataLoader<string, T | null>, rows: T[]): T[] => {
    for (const row of rows) loader.prime(row.id, row);
    return rows;
  };
  return {
    productById: byId((tx, w) => r.products.findByIds(tx, w)),
    variantById,
    locationById: byId((tx, w) => r.locations.findByIds(tx, w)),
    orderById,
    variantsByProductId: new DataLoader(
      async (ids) =>
        manyByKey(ids, primed(variantById, await fetch(ids, (tx, w) => r.variants.listByProductIds(tx, w))), (row) => row.productId),
      OPTIONS,
    ),
    pricesByVariantId: new DataLoader(
      async (ids) => manyByKey(ids, await fetch(ids, (tx, w) => r.prices.listByVariantIds(tx, w)), (row) => row.variantId),
      OPTIONS,
    ),
    levelsByVariantId: new DataLoader(
      async (ids) => manyByKey(ids, await fetch(ids, (tx, w) => r.levels.listByVariantIds(tx, w)), (row) => row.variantId),
      OPTIONS,
    ),
    levelsByLocationId: new DataLoader(
      async (ids) => manyByKey(ids, await fetch(ids, (tx, w) => r.levels.listByLocationIds(tx, w)), (row) => row.locationId),
      OPTIONS,
    ),
    linesByOrderId: new DataLoader(
      async (ids) => manyByKey(ids, await fetch(ids, (tx, w) => r.lines.listByOrderIds(tx, w)), (row) => row.orderId),
      OPTIONS,
    ),
    ordersByContactId: new DataLoader(
      async (ids) =>
        manyByKey(ids, primed(orderById, await fetch(ids, (tx, w) => r.orders.listByContactIds(tx, w))), (row) => row.contactId),
      OPTIONS,
    ),
  };
}
