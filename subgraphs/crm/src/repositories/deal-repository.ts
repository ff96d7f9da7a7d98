import { listCountWhere, listFindArgs, type Decimal, type ListWindow, type Page } from '@tessera/service-kit';
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

/** Deals: SQL only. Every query filters by the tenant (row-level security is the second lock). */
export class DealRepository {
  constructor(private readonly tenantId: string) {}

  findByIds(tx: CrmTx, ids: string[]): Promise<Deal[]> {
    return tx.deal.findMany({ where: { tenantId: this.tenantId, id: { in: ids } } });
  }

  /** Every deal of these contacts, oldest first, in one statement. */
  listByContactIds(tx: CrmTx, contactIds: string[]): Promise<Deal[]> {
    return tx.deal.findMany({ where: { tenantId: this.tenantId, contactId: { in: contactIds } }, orderBy: { id: 'asc' } });
  }

  /** One page of the tenant's deals, optionally only some stages and/or one contact's. */
  async page(tx: CrmTx, query: ListWindow & { stages: DealStage[] | null; contactId: string | null }): Promise<Page<Deal>> {
    const where: Prisma.DealWhereInput = { tenantId: this.tenantId };
    if (query.stages) where.stage = { in: query.stages };
    if (query.contactId) where.contactId = query.contactId;
    const rows = await tx.deal.findMany(listFindArgs(where, query));
    const totalCount = await tx.deal.count({ where: listCountWhere(where, query) });
    return { rows, totalCount };
  }

  /** The deal, its row locked until the transaction ends (so its stage cannot change meanwhile). */
  async findForUpdate(tx: CrmTx, id: string): Promise<Deal | null> {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM deals WHERE tenant_id = ${this.tenantId}::uuid AND id = ${id}::uuid FOR UPDATE`;
    return locked.length === 1 ? this.findById(tx, id) : null;
  }

  findById(tx: CrmTx, id: string): Promise<Deal | null> {
    return tx.deal.findFirst({ where: { tenantId: this.tenantId, id } });
  }

  countByContact(tx: CrmTx, contactId: string, stages: readonly DealStage[]): Promise<number> {
    return tx.deal.count({ where: { tenantId: this.tenantId, contactId, stage: { in: [...stages] } } });
  }

  create(tx: CrmTx, data: DealData): Promise<Deal> {
    return tx.deal.create({ data: { ...data, amount: data.amount.toFixed(), tenantId: this.tenantId } });
  }

  /**
   * Applies `change` only if the deal is currently in one of `fromStages` (a conditional UPDATE, so
   * two concurrent transitions cannot both succeed). Null when no such deal is in such a stage.
   */
  async transition(tx: CrmTx, id: string, fromStages: readonly DealStage[], change: DealChange): Promise<Deal | null> {
    const [updated] = await tx.deal.updateManyAndReturn({
      where: { tenantId: this.tenantId, id, stage: { in: [...fromStages] } },
      data: change,
    });
    return updated ?? null;
  }
}
