import type { Decimal, Page, PageWindow } from '@tessera/service-kit';
import type { TenantScope } from '@tessera/prisma';
import type { Deal, DealStage, Prisma } from '../generated/prisma/client.js';
import type { CrmTx } from '../db.js';

export interface DealData {
  title: string;
  stage: DealStage;
  amount: Decimal;
  currency: string;
  contactId: string;
  ownerId: string | null;
}

export interface DealChange {
  stage: DealStage;
  closedAt?: Date;
  lostReason?: string | null;
}

/** SQL access to deals, always filtered by the scope's tenant. */
export class DealRepository {
  constructor(private readonly scope: TenantScope<CrmTx>) {}

  findByIds(ids: readonly string[]): Promise<Deal[]> {
    return this.scope.run((tx) => tx.deal.findMany({ where: { tenantId: this.scope.tenantId, id: { in: [...ids] } } }));
  }

  /** Every deal of these contacts, oldest first, in one statement. */
  listByContactIds(contactIds: readonly string[]): Promise<Deal[]> {
    return this.scope.run((tx) =>
      tx.deal.findMany({ where: { tenantId: this.scope.tenantId, contactId: { in: [...contactIds] } }, orderBy: { id: 'asc' } }),
    );
  }

  /** One page of the tenant's deals, optionally only some stages and/or one contact's. */
  page(query: PageWindow & { stages: DealStage[] | null; contactId: string | null }): Promise<Page<Deal>> {
    const where: Prisma.DealWhereInput = { tenantId: this.scope.tenantId };
    if (query.stages) where.stage = { in: query.stages };
    if (query.contactId) where.contactId = query.contactId;
    return this.scope.run(async (tx) => {
      const rows = await tx.deal.findMany({
        where: query.afterId ? { ...where, id: { gt: query.afterId } } : where,
        orderBy: { id: 'asc' },
        take: query.take + 1,
      });
      const totalCount = await tx.deal.count({ where });
      return { rows, totalCount };
    });
  }

  /** The deal, its row locked until the transaction ends (so its stage cannot change meanwhile). */
  async findForUpdate(tx: CrmTx, id: string): Promise<Deal | null> {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM deals WHERE tenant_id = ${this.scope.tenantId}::uuid AND id = ${id}::uuid FOR UPDATE`;
    return locked.length === 1 ? this.findById(tx, id) : null;
  }

  findById(tx: CrmTx, id: string): Promise<Deal | null> {
    return tx.deal.findFirst({ where: { tenantId: this.scope.tenantId, id } });
  }

  countByContact(tx: CrmTx, contactId: string, stages: readonly DealStage[]): Promise<number> {
    return tx.deal.count({ where: { tenantId: this.scope.tenantId, contactId, stage: { in: [...stages] } } });
  }

  create(tx: CrmTx, data: DealData): Promise<Deal> {
    return tx.deal.create({ data: { ...data, amount: data.amount.toFixed(), tenantId: this.scope.tenantId } });
  }

  /**
   * Applies `change` only if the deal is currently in one of `fromStages` (a conditional UPDATE, so
   * two concurrent transitions cannot both succeed). Null when no such deal is in such a stage.
   */
  async transition(tx: CrmTx, id: string, fromStages: readonly DealStage[], change: DealChange): Promise<Deal | null> {
    const [updated] = await tx.deal.updateManyAndReturn({
      where: { tenantId: this.scope.tenantId, id, stage: { in: [...fromStages] } },
      data: change,
    });
    return updated ?? null;
  }
}
