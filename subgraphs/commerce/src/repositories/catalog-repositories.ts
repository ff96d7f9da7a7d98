import { containsInsensitive } from '@tessera/prisma';
import type { Page, PageWindow } from '@tessera/service-kit';
import type { Prisma, Product, Variant, VariantPrice } from '../generated/prisma/client.js';
import type { CommerceTx } from '../db.js';

const after = (window: PageWindow) => (window.afterId ? { id: { gt: window.afterId } } : {});

/** Products: SQL only. Every query filters by the tenant (row-level security is the second lock). */
export class ProductRepository {
  constructor(private readonly tenantId: string) {}

  create(tx: CommerceTx, data: { name: string; description: string | null }): Promise<Product> {
    return tx.product.create({ data: { ...data, tenantId: this.tenantId } });
  }

  findByIds(tx: CommerceTx, ids: string[]): Promise<Product[]> {
    return tx.product.findMany({ where: { tenantId: this.tenantId, id: { in: ids } } });
  }

  async exists(tx: CommerceTx, id: string): Promise<boolean> {
    return (await tx.product.count({ where: { tenantId: this.tenantId, id } })) === 1;
  }

  async page(tx: CommerceTx, window: PageWindow, search: string | null): Promise<Page<Product>> {
    const where: Prisma.ProductWhereInput = { tenantId: this.tenantId, ...(search ? { name: containsInsensitive(search) } : {}) };
    const [rows, totalCount] = await Promise.all([
      tx.product.findMany({ where: { ...where, ...after(window) }, orderBy: { id: 'asc' }, take: window.take + 1 }),
      tx.product.count({ where }),
    ]);
    return { rows, totalCount };
  }
}

/** Product variants: SQL only, filtered by the tenant. */
export class VariantRepository {
  constructor(private readonly tenantId: string) {}

  create(
    tx: CommerceTx,
    data: { productId: string; sku: string; name: string; options: { name: string; value: string }[] },
  ): Promise<Variant> {
    return tx.variant.create({ data: { ...data, tenantId: this.tenantId } });
  }

  findByIds(tx: CommerceTx, ids: string[]): Promise<Variant[]> {
    return tx.variant.findMany({ where: { tenantId: this.tenantId, id: { in: ids } } });
  }

  async skuTaken(tx: CommerceTx, sku: string): Promise<boolean> {
    return (await tx.variant.count({ where: { tenantId: this.tenantId, sku } })) > 0;
  }

  listByProductIds(tx: CommerceTx, productIds: string[]): Promise<Variant[]> {
    return tx.variant.findMany({ where: { tenantId: this.tenantId, productId: { in: productIds } }, orderBy: { id: 'asc' } });
  }

  async page(tx: CommerceTx, window: PageWindow, filter: { productId: string | null; search: string | null }): Promise<Page<Variant>> {
    const where: Prisma.VariantWhereInput = {
      tenantId: this.tenantId,
      ...(filter.productId ? { productId: filter.productId } : {}),
      ...(filter.search ? { OR: [{ sku: containsInsensitive(filter.search) }, { name: containsInsensitive(filter.search) }] } : {}),
    };
    const [rows, totalCount] = await Promise.all([
      tx.variant.findMany({ where: { ...where, ...after(window) }, orderBy: { id: 'asc' }, take: window.take + 1 }),
      tx.variant.count({ where }),
    ]);
    return { rows, totalCount };
  }

  touch(tx: CommerceTx, id: string): Promise<Variant> {
    return tx.variant.update({ where: { id, tenantId: this.tenantId }, data: { updatedAt: new Date() } });
  }
}

/** Variant prices, one per currency: SQL only, filtered by the tenant. */
export class PriceRepository {
  constructor(private readonly tenantId: string) {}

  set(tx: CommerceTx, variantId: string, currency: string, amount: string): Promise<VariantPrice> {
    const tenantId = this.tenantId;
    return tx.variantPrice.upsert({
      where: { tenantId_variantId_currency: { tenantId, variantId, currency } },
      create: { tenantId, variantId, currency, amount },
      update: { amount },
    });
  }

  listByVariantIds(tx: CommerceTx, variantIds: string[]): Promise<VariantPrice[]> {
    return tx.variantPrice.findMany({
      where: { tenantId: this.tenantId, variantId: { in: variantIds } },
      orderBy: [{ variantId: 'asc' }, { currency: 'asc' }],
    });
  }
}
