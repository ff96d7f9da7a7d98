import type { CatalogueEntry } from '../domain/pricing.js';
import type { PosTx } from '../db.js';

/** A variant as commerce.variant.changed describes it. */
export interface VariantAnnouncement {
  variantId: string;
  productId: string;
  sku: string;
  name: string;
  prices: { amount: string; currency: string }[];
  revision: Date;
}

/** POS's copy of commerce's catalogue: SQL only, filtered by the tenant (row-level security applies too). */
export class CatalogueRepository {
  constructor(private readonly tenantId: string) {}

  async findByIds(tx: PosTx, variantIds: string[]): Promise<Map<string, CatalogueEntry>> {
    const rows = await tx.catalogueVariant.findMany({ where: { tenantId: this.tenantId, variantId: { in: variantIds } } });
    return new Map(
      rows.map((row) => [
        row.variantId,
        { variantId: row.variantId, sku: row.sku, name: row.name, prices: row.prices as CatalogueEntry['prices'] },
      ]),
    );
  }

  /** Stores an announcement unless a newer one (a later revision) is stored already: replays and reorderings are harmless. */
  async apply(tx: PosTx, variant: VariantAnnouncement): Promise<void> {
    const prices = JSON.stringify(variant.prices);
    await tx.$executeRaw`
      INSERT INTO catalogue_variants (tenant_id, variant_id, product_id, sku, name, prices, revision)
      VALUES (${this.tenantId}::uuid, ${variant.variantId}::uuid, ${variant.productId}::uuid, ${variant.sku}, ${variant.name}, ${prices}::jsonb, ${variant.revision})
      ON CONFLICT (tenant_id, variant_id) DO UPDATE
        SET product_id = EXCLUDED.product_id, sku = EXCLUDED.sku, name = EXCLUDED.name, prices = EXCLUDED.prices, revision = EXCLUDED.revision
        WHERE catalogue_variants.revision <= EXCLUDED.revision`;
  }
}
