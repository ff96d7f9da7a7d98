import type { Page, PageWindow } from '@tessera/service-kit';
import type {
  Order,
  OrderLine,
  OrderStatus,
  Prisma,
  Product,
  StockLevel,
  StockLocation,
  StockLocationKind,
  StockMovement,
  StockMovementKind,
  Variant,
  VariantPrice,
} from '../generated/prisma/client.js';
import type { CommerceTx } from '../db.js';

/** A case-insensitive "contains" filter; LIKE wildcards in the text match literally. */
function containsInsensitive(text: string): Prisma.StringFilter {
  return { contains: text.replace(/[\\%_]/g, (char) => `\\${char}`), mode: 'insensitive' };
}

/** Fetches one page (`take + 1` rows after the cursor, in id order) and the total. */
async function page<T>(
  window: PageWindow,
  rows: (args: { where: { id?: { gt: string } }; take: number; orderBy: { id: 'asc' } }) => Promise<T[]>,
  count: () => Promise<number>,
): Promise<Page<T>> {
  const list = await rows({ where: window.afterId ? { id: { gt: window.afterId } } : {}, take: window.take + 1, orderBy: { id: 'asc' } });
  return { rows: list, totalCount: await count() };
}

export interface MovementData {
  variantId: string;
  locationId: string;
  kind: StockMovementKind;
  quantity: number;
  onHandChange: number;
  reservedChange: number;
  orderId?: string | null;
  sourceEvent?: string | null;
  sourceLine?: number | null;
  note?: string | null;
}

/** SQL access to commerce's tables, always filtered by the tenant (row-level security applies too). */
export function createRepositories(tenantId: string) {
  const t = { tenantId };
  return {
    tenantId,
    products: {
      create: (tx: CommerceTx, data: { name: string; description: string | null }) => tx.product.create({ data: { ...data, tenantId } }),
      findByIds: (tx: CommerceTx, ids: string[]) => tx.product.findMany({ where: { ...t, id: { in: ids } } }),
      exists: async (tx: CommerceTx, id: string) => (await tx.product.count({ where: { ...t, id } })) === 1,
      page: (tx: CommerceTx, window: PageWindow, search: string | null): Promise<Page<Product>> => {
        const where: Prisma.ProductWhereInput = { ...t, ...(search ? { name: containsInsensitive(search) } : {}) };
        return page(
          window,
          (a) => tx.product.findMany({ ...a, where: { ...where, ...a.where } }),
          () => tx.product.count({ where }),
        );
      },
    },
    variants: {
      create: (tx: CommerceTx, data: { productId: string; sku: string; name: string; options: { name: string; value: string }[] }) =>
        tx.variant.create({ data: { ...data, tenantId } }),
      findByIds: (tx: CommerceTx, ids: string[]) => tx.variant.findMany({ where: { ...t, id: { in: ids } } }),
      skuTaken: async (tx: CommerceTx, sku: string) => (await tx.variant.count({ where: { ...t, sku } })) > 0,
      listByProductIds: (tx: CommerceTx, productIds: string[]) =>
        tx.variant.findMany({ where: { ...t, productId: { in: productIds } }, orderBy: { id: 'asc' } }),
      page: (tx: CommerceTx, window: PageWindow, filter: { productId: string | null; search: string | null }): Promise<Page<Variant>> => {
        const where: Prisma.VariantWhereInput = {
          ...t,
          ...(filter.productId ? { productId: filter.productId } : {}),
          ...(filter.search ? { OR: [{ sku: containsInsensitive(filter.search) }, { name: containsInsensitive(filter.search) }] } : {}),
        };
        return page(
          window,
          (a) => tx.variant.findMany({ ...a, where: { ...where, ...a.where } }),
          () => tx.variant.count({ where }),
        );
      },
      touch: (tx: CommerceTx, id: string) => tx.variant.update({ where: { id, tenantId }, data: { updatedAt: new Date() } }),
    },
    prices: {
      set: (tx: CommerceTx, variantId: string, currency: string, amount: string) =>
        tx.variantPrice.upsert({
          where: { tenantId_variantId_currency: { tenantId, variantId, currency } },
          create: { tenantId, variantId, currency, amount },
          update: { amount },
        }),
      listByVariantIds: (tx: CommerceTx, variantIds: string[]): Promise<VariantPrice[]> =>
        tx.variantPrice.findMany({ where: { ...t, variantId: { in: variantIds } }, orderBy: [{ variantId: 'asc' }, { currency: 'asc' }] }),
    },
    locations: {
      create: (tx: CommerceTx, data: { name: string; normalizedName: string; kind: StockLocationKind }) =>
        tx.stockLocation.create({ data: { ...data, tenantId } }),
      findByIds: (tx: CommerceTx, ids: string[]) => tx.stockLocation.findMany({ where: { ...t, id: { in: ids } } }),
      nameTaken: async (tx: CommerceTx, normalizedName: string) => (await tx.stockLocation.count({ where: { ...t, normalizedName } })) > 0,
      page: (tx: CommerceTx, window: PageWindow): Promise<Page<StockLocation>> =>
        page(
          window,
          (a) => tx.stockLocation.findMany({ ...a, where: { ...t, ...a.where } }),
          () => tx.stockLocation.count({ where: t }),
        ),
    },
    levels: {
      find: (tx: CommerceTx, variantId: string, locationId: string) =>
        tx.stockLevel.findUnique({ where: { tenantId_variantId_locationId: { tenantId, variantId, locationId } } }),
      /**
       * Locks the balance rows of these variants (at one location, or at every location) for the rest of
       * the transaction, always in (variant, location) order so concurrent lockers cannot deadlock.
       * A (variant, location) without a row has no stock at all.
       */
      lock: (tx: CommerceTx, variantIds: string[], locationId: string | null) =>
        locationId
          ? tx.$queryRaw<StockLevel[]>`
              SELECT id, tenant_id AS "tenantId", variant_id AS "variantId", location_id AS "locationId", on_hand AS "onHand", reserved, updated_at AS "updatedAt"
              FROM stock_levels WHERE tenant_id = ${tenantId}::uuid AND variant_id = ANY(${variantIds}::uuid[]) AND location_id = ${locationId}::uuid
              ORDER BY variant_id, location_id FOR UPDATE`
          : tx.$queryRaw<StockLevel[]>`
              SELECT id, tenant_id AS "tenantId", variant_id AS "variantId", location_id AS "locationId", on_hand AS "onHand", reserved, updated_at AS "updatedAt"
              FROM stock_levels WHERE tenant_id = ${tenantId}::uuid AND variant_id = ANY(${variantIds}::uuid[])
              ORDER BY variant_id, location_id FOR UPDATE`,
      listByVariantIds: (tx: CommerceTx, ids: string[]) =>
        tx.stockLevel.findMany({ where: { ...t, variantId: { in: ids } }, orderBy: { locationId: 'asc' } }),
      listByLocationIds: (tx: CommerceTx, ids: string[]) =>
        tx.stockLevel.findMany({ where: { ...t, locationId: { in: ids } }, orderBy: { variantId: 'asc' } }),
      page: (
        tx: CommerceTx,
        window: PageWindow,
        filter: { variantId: string | null; locationId: string | null },
      ): Promise<Page<StockLevel>> => {
        const where: Prisma.StockLevelWhereInput = {
          ...t,
          ...(filter.variantId ? { variantId: filter.variantId } : {}),
          ...(filter.locationId ? { locationId: filter.locationId } : {}),
        };
        return page(
          window,
          (a) => tx.stockLevel.findMany({ ...a, where: { ...where, ...a.where } }),
          () => tx.stockLevel.count({ where }),
        );
      },
    },
    movements: {
      /** Records a movement; the database trigger applies it to the balance row (and refuses a negative balance). */
      record: (tx: CommerceTx, data: MovementData): Promise<StockMovement> => tx.stockMovement.create({ data: { ...data, tenantId } }),
      countBySource: (tx: CommerceTx, sourceEvent: string) => tx.stockMovement.count({ where: { ...t, sourceEvent } }),
      listBySource: (tx: CommerceTx, sourceEvent: string) =>
        tx.stockMovement.findMany({ where: { ...t, sourceEvent }, orderBy: { sourceLine: 'asc' } }),
      page: (
        tx: CommerceTx,
        window: PageWindow,
        filter: { variantId: string | null; locationId: string | null; orderId: string | null },
      ): Promise<Page<StockMovement>> => {
        const where: Prisma.StockMovementWhereInput = {
          ...t,
          ...(filter.variantId ? { variantId: filter.variantId } : {}),
          ...(filter.locationId ? { locationId: filter.locationId } : {}),
          ...(filter.orderId ? { orderId: filter.orderId } : {}),
        };
        return page(
          window,
          (a) => tx.stockMovement.findMany({ ...a, where: { ...where, ...a.where } }),
          () => tx.stockMovement.count({ where }),
        );
      },
    },
    orders: {
      /**
       * The tenant's next order number value. The counter row stays locked until the placing
       * transaction ends: concurrent placers queue, never share or skip a value, and a rolled-back
       * placement gives its value back (gap-free).
       */
      nextNumber: async (tx: CommerceTx): Promise<number> => {
        const rows = await tx.$queryRaw<{ last_value: number }[]>`
          INSERT INTO order_number_sequences (tenant_id, last_value) VALUES (${tenantId}::uuid, 1)
          ON CONFLICT (tenant_id) DO UPDATE SET last_value = order_number_sequences.last_value + 1
          RETURNING last_value`;
        const value = rows[0]?.last_value;
        if (typeof value !== 'number') throw new Error('order number sequence returned no value');
        return value;
      },
      create: (
        tx: CommerceTx,
        data: { number: string; contactId: string | null; currency: string; locationId: string; total: string },
      ): Promise<Order> => tx.order.create({ data: { ...data, tenantId } }),
      findByIds: (tx: CommerceTx, ids: string[]) => tx.order.findMany({ where: { ...t, id: { in: ids } } }),
      /** Locks one order of the tenant for the rest of the transaction; null if there is none. */
      lock: async (tx: CommerceTx, id: string): Promise<Order | null> => {
        const rows = await tx.$queryRaw<{ id: string }[]>`
          SELECT id FROM orders WHERE tenant_id = ${tenantId}::uuid AND id = ${id}::uuid FOR UPDATE`;
        return rows.length === 1 ? tx.order.findUnique({ where: { id, tenantId } }) : null;
      },
      update: (tx: CommerceTx, id: string, data: Prisma.OrderUpdateManyMutationInput) => tx.order.update({ where: { id, tenantId }, data }),
      listByContactIds: (tx: CommerceTx, contactIds: string[]) =>
        tx.order.findMany({ where: { ...t, contactId: { in: contactIds } }, orderBy: { id: 'desc' } }),
      page: (
        tx: CommerceTx,
        window: PageWindow,
        filter: { statuses: OrderStatus[] | null; contactId: string | null },
      ): Promise<Page<Order>> => {
        const where: Prisma.OrderWhereInput = {
          ...t,
          ...(filter.statuses ? { status: { in: filter.statuses } } : {}),
          ...(filter.contactId ? { contactId: filter.contactId } : {}),
        };
        return page(
          window,
          (a) => tx.order.findMany({ ...a, where: { ...where, ...a.where } }),
          () => tx.order.count({ where }),
        );
      },
    },
    lines: {
      createMany: (tx: CommerceTx, rows: Omit<OrderLine, 'id' | 'tenantId' | 'fulfilledQuantity'>[]) =>
        tx.orderLine.createManyAndReturn({ data: rows.map((row) => ({ ...row, tenantId })) }),
      listByOrderIds: (tx: CommerceTx, orderIds: string[]) =>
        tx.orderLine.findMany({ where: { ...t, orderId: { in: orderIds } }, orderBy: [{ orderId: 'asc' }, { position: 'asc' }] }),
      setFulfilled: (tx: CommerceTx, id: string, fulfilledQuantity: number) =>
        tx.orderLine.update({ where: { id, tenantId }, data: { fulfilledQuantity } }),
    },
  };
}

export type CommerceRepositories = ReturnType<typeof createRepositories>;
