import type { Decimal, Page, PageWindow } from '@tessera/service-kit';
import type { Prisma, Sale, SaleLine, SalePayment, SaleStatus } from '../generated/prisma/client.js';
import type { PosTx } from '../db.js';
import type { SaleDraft } from '../domain/sale-draft.js';

/** SQL access to sales, their lines and payments, always filtered by the tenant. */
export class SaleRepository {
  constructor(private readonly tenantId: string) {}

  findByIds(tx: PosTx, ids: readonly string[]): Promise<Sale[]> {
    return tx.sale.findMany({ where: { tenantId: this.tenantId, id: { in: [...ids] } } });
  }

  findById(tx: PosTx, id: string): Promise<Sale | null> {
    return tx.sale.findFirst({ where: { tenantId: this.tenantId, id } });
  }

  findByIdempotencyKey(tx: PosTx, registerId: string, idempotencyKey: string): Promise<Sale | null> {
    return tx.sale.findFirst({ where: { tenantId: this.tenantId, registerId, idempotencyKey } });
  }

  listLines(tx: PosTx, saleIds: readonly string[]): Promise<SaleLine[]> {
    return tx.saleLine.findMany({
      where: { tenantId: this.tenantId, saleId: { in: [...saleIds] } },
      orderBy: [{ saleId: 'asc' }, { position: 'asc' }],
    });
  }

  listPayments(tx: PosTx, saleIds: readonly string[]): Promise<SalePayment[]> {
    return tx.salePayment.findMany({
      where: { tenantId: this.tenantId, saleId: { in: [...saleIds] } },
      orderBy: [{ saleId: 'asc' }, { position: 'asc' }],
    });
  }

  async page(
    tx: PosTx,
    filter: { registerId: string | null; sessionId: string | null; status: SaleStatus | null },
    query: PageWindow,
  ): Promise<Page<Sale>> {
    const where: Prisma.SaleWhereInput = {
      tenantId: this.tenantId,
      ...(filter.registerId ? { registerId: filter.registerId } : {}),
      ...(filter.sessionId ? { sessionId: filter.sessionId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
    };
    const rows = await tx.sale.findMany({
      where: query.afterId ? { ...where, id: { gt: query.afterId } } : where,
      orderBy: { id: 'asc' },
      take: query.take + 1,
    });
    return { rows, totalCount: await tx.sale.count({ where }) };
  }

  /** Inserts the sale with its lines and payments. */
  async create(
    tx: PosTx,
    data: {
      registerId: string;
      sessionId: string;
      idempotencyKey: string;
      currency: string;
      receiptSeq: number;
      receiptNumber: string;
      completedAt: Date;
      /** The submission's fingerprint (a retry with the same key must match it). */
      payloadHash: string;
    },
    draft: SaleDraft,
    /** Per line (in order): the catalogue's price, and the reason and user of a manual price. */
    pricing: readonly { listPrice: Decimal; priceReason: string | null; priceSetBy: string | null }[] = [],
  ): Promise<Sale> {
    const sale = await tx.sale.create({
      data: {
        ...data,
        tenantId: this.tenantId,
        subtotal: draft.subtotal.toFixed(),
        discountTotal: draft.discountTotal.toFixed(),
        total: draft.total.toFixed(),
        tendered: draft.tendered.toFixed(),
        change: draft.change.toFixed(),
      },
    });
    await tx.saleLine.createMany({
      data: draft.lines.map((line, index) => ({
        tenantId: this.tenantId,
        saleId: sale.id,
        position: line.position,
        variantId: line.variantId,
        sku: line.sku,
        name: line.name,
        quantity: line.quantity,
        unitPrice: line.unitPrice.toFixed(),
        discount: line.discount.toFixed(),
        lineTotal: line.lineTotal.toFixed(),
        listPrice: pricing[index]?.listPrice.toFixed() ?? null,
        priceReason: pricing[index]?.priceReason ?? null,
        priceSetBy: pricing[index]?.priceSetBy ?? null,
      })),
    });
    await tx.salePayment.createMany({
      data: draft.payments.map((payment) => ({
        tenantId: this.tenantId,
        saleId: sale.id,
        position: payment.position,
        method: payment.method,
        amount: payment.amount.toFixed(),
      })),
    });
    return sale;
  }

  /** COMPLETED -> VOIDED, only if still COMPLETED. */
  async markVoided(tx: PosTx, id: string, voidedAt: Date, reason: string | null): Promise<Sale | null> {
    const [updated] = await tx.sale.updateManyAndReturn({
      where: { tenantId: this.tenantId, id, status: 'COMPLETED' },
      data: { status: 'VOIDED', voidedAt, voidReason: reason },
    });
    return updated ?? null;
  }

  /**
   * The session's cash movements: cash taken (cash tendered - change, of every sale) and cash
   * refunded (the same, of the voided sales).
   */
  async sessionCash(tx: PosTx, sessionId: string): Promise<{ taken: string; refunded: string }> {
    const [row] = await tx.$queryRaw<{ taken: string; refunded: string }[]>`
      WITH per_sale AS (
        SELECT s.status,
               COALESCE((SELECT SUM(p.amount) FROM sale_payments p
                         WHERE p.tenant_id = s.tenant_id AND p.sale_id = s.id AND p.method = 'CASH'), 0) - s.change AS net_cash
        FROM sales s
        WHERE s.tenant_id = ${this.tenantId}::uuid AND s.session_id = ${sessionId}::uuid
      )
      SELECT COALESCE(SUM(net_cash), 0)::text AS taken,
             COALESCE(SUM(net_cash) FILTER (WHERE status = 'VOIDED'), 0)::text AS refunded
      FROM per_sale`;
    return row ?? { taken: '0', refunded: '0' };
  }

  /** Expected-cash inputs of several sessions at once (for the live expectedCash field). */
  async sessionsCash(tx: PosTx, sessionIds: readonly string[]): Promise<{ sessionId: string; net: string }[]> {
    return tx.$queryRaw<{ sessionId: string; net: string }[]>`
      SELECT s.session_id::text AS "sessionId",
             COALESCE(SUM(COALESCE((SELECT SUM(p.amount) FROM sale_payments p
                                    WHERE p.tenant_id = s.tenant_id AND p.sale_id = s.id AND p.method = 'CASH'), 0) - s.change)
                      FILTER (WHERE s.status = 'COMPLETED'), 0)::text AS net
      FROM sales s
      WHERE s.tenant_id = ${this.tenantId}::uuid AND s.session_id = ANY(${[...sessionIds]}::uuid[])
      GROUP BY s.session_id`;
  }
}
