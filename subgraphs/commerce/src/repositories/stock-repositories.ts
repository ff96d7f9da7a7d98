import type { Page, PageWindow } from '@tessera/service-kit';
import type { Prisma, StockLevel, StockLocation, StockLocationKind, StockMovement, StockMovementKind } from '../generated/prisma/client.js';
import type { CommerceTx } from '../db.js';

const after = (window: PageWindow) => (window.afterId ? { id: { gt: window.afterId } } : {});

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

/** Stock locations: SQL only, filtered by the tenant. */
export class LocationRepository {
  constructor(private readonly tenantId: string) {}

  create(tx: CommerceTx, data: { name: string; normalizedName: string; kind: StockLocationKind }): Promise<StockLocation> {
    return tx.stockLocation.create({ data: { ...data, tenantId: this.tenantId } });
  }

  findByIds(tx: CommerceTx, ids: string[]): Promise<StockLocation[]> {
    return tx.stockLocation.findMany({ where: { tenantId: this.tenantId, id: { in: ids } } });
  }

  async nameTaken(tx: CommerceTx, normalizedName: string): Promise<boolean> {
    return (await tx.stockLocation.count({ where: { tenantId: this.tenantId, normalizedName } })) > 0;
  }

  async page(tx: CommerceTx, window: PageWindow): Promise<Page<StockLocation>> {
    const where = { tenantId: this.tenantId };
    const [rows, totalCount] = await Promise.all([
      tx.stockLocation.findMany({ where: { ...where, ...after(window) }, orderBy: { id: 'asc' }, take: window.take + 1 }),
      tx.stockLocation.count({ where }),
    ]);
    return { rows, totalCount };
  }
}

/** Stock balances per (variant, location): SQL only, filtered by the tenant. */
export class LevelRepository {
  constructor(private readonly tenantId: string) {}

  find(tx: CommerceTx, variantId: string, locationId: string): Promise<StockLevel | null> {
    return tx.stockLevel.findUnique({ where: { tenantId_variantId_locationId: { tenantId: this.tenantId, variantId, locationId } } });
  }

  /**
   * Locks the balance rows of these variants (at one location, or at every location) for the rest of
   * the transaction, always in (variant, location) order so concurrent lockers cannot deadlock.
   * A (variant, location) without a row has no stock at all.
   */
  lock(tx: CommerceTx, variantIds: string[], locationId: string | null): Promise<StockLevel[]> {
    const tenantId = this.tenantId;
    return locationId
      ? tx.$queryRaw<StockLevel[]>`
          SELECT id, tenant_id AS "tenantId", variant_id AS "variantId", location_id AS "locationId", on_hand AS "onHand", reserved, updated_at AS "updatedAt"
          FROM stock_levels WHERE tenant_id = ${tenantId}::uuid AND variant_id = ANY(${variantIds}::uuid[]) AND location_id = ${locationId}::uuid
          ORDER BY variant_id, location_id FOR UPDATE`
      : tx.$queryRaw<StockLevel[]>`
          SELECT id, tenant_id AS "tenantId", variant_id AS "variantId", location_id AS "locationId", on_hand AS "onHand", reserved, updated_at AS "updatedAt"
          FROM stock_levels WHERE tenant_id = ${tenantId}::uuid AND variant_id = ANY(${variantIds}::uuid[])
          ORDER BY variant_id, location_id FOR UPDATE`;
  }

  listByVariantIds(tx: CommerceTx, ids: string[]): Promise<StockLevel[]> {
    return tx.stockLevel.findMany({ where: { tenantId: this.tenantId, variantId: { in: ids } }, orderBy: { locationId: 'asc' } });
  }

  listByLocationIds(tx: CommerceTx, ids: string[]): Promise<StockLevel[]> {
    return tx.stockLevel.findMany({ where: { tenantId: this.tenantId, locationId: { in: ids } }, orderBy: { variantId: 'asc' } });
  }

  async page(
    tx: CommerceTx,
    window: PageWindow,
    filter: { variantId: string | null; locationId: string | null },
  ): Promise<Page<StockLevel>> {
    const where: Prisma.StockLevelWhereInput = {
      tenantId: this.tenantId,
      ...(filter.variantId ? { variantId: filter.variantId } : {}),
      ...(filter.locationId ? { locationId: filter.locationId } : {}),
    };
    const [rows, totalCount] = await Promise.all([
      tx.stockLevel.findMany({ where: { ...where, ...after(window) }, orderBy: { id: 'asc' }, take: window.take + 1 }),
      tx.stockLevel.count({ where }),
    ]);
    return { rows, totalCount };
  }
}

/** Stock movements (the ledger the balances follow): SQL only, filtered by the tenant. */
export class MovementRepository {
  constructor(private readonly tenantId: string) {}

  /** Records a movement; the database trigger applies it to the balance row (and refuses a negative balance). */
  record(tx: CommerceTx, data: MovementData): Promise<StockMovement> {
    return tx.stockMovement.create({ data: { ...data, tenantId: this.tenantId } });
  }

  countBySource(tx: CommerceTx, sourceEvent: string): Promise<number> {
    return tx.stockMovement.count({ where: { tenantId: this.tenantId, sourceEvent } });
  }

  listBySource(tx: CommerceTx, sourceEvent: string): Promise<StockMovement[]> {
    return tx.stockMovement.findMany({ where: { tenantId: this.tenantId, sourceEvent }, orderBy: { sourceLine: 'asc' } });
  }

  async page(
    tx: CommerceTx,
    window: PageWindow,
    filter: { variantId: string | null; locationId: string | null; orderId: string | null },
  ): Promise<Page<StockMovement>> {
    const where: Prisma.StockMovementWhereInput = {
      tenantId: this.tenantId,
      ...(filter.variantId ? { variantId: filter.variantId } : {}),
      ...(filter.locationId ? { locationId: filter.locationId } : {}),
      ...(filter.orderId ? { orderId: filter.orderId } : {}),
    };
    const [rows, totalCount] = await Promise.all([
      tx.stockMovement.findMany({ where: { ...where, ...after(window) }, orderBy: { id: 'asc' }, take: window.take + 1 }),
      tx.stockMovement.count({ where }),
    ]);
    return { rows, totalCount };
  }
}
