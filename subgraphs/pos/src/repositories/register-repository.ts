import { advisoryLock } from '@tessera/prisma';
import type { Page, PageWindow } from '@tessera/service-kit';
import type { Register } from '../generated/prisma/client.js';
import type { PosTx } from '../db.js';

/** SQL access to registers, always filtered by the tenant. */
export class RegisterRepository {
  constructor(private readonly tenantId: string) {}

  findByIds(tx: PosTx, ids: readonly string[]): Promise<Register[]> {
    return tx.register.findMany({ where: { tenantId: this.tenantId, id: { in: [...ids] } } });
  }

  findById(tx: PosTx, id: string): Promise<Register | null> {
    return tx.register.findFirst({ where: { tenantId: this.tenantId, id } });
  }

  /** Locks the register row until the transaction ends (serialises its session openings and sales). */
  async lock(tx: PosTx, id: string): Promise<Register | null> {
    const rows = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM registers WHERE tenant_id = ${this.tenantId}::uuid AND id = ${id}::uuid FOR UPDATE`;
    return rows.length === 0 ? null : this.findById(tx, id);
  }

  async page(tx: PosTx, query: PageWindow): Promise<Page<Register>> {
    const where = { tenantId: this.tenantId };
    const rows = await tx.register.findMany({
      where: query.afterId ? { ...where, id: { gt: query.afterId } } : where,
      orderBy: { id: 'asc' },
      take: query.take + 1,
    });
    return { rows, totalCount: await tx.register.count({ where }) };
  }

  /** Creates a register with the tenant's next number (creations of a tenant are serialised). */
  async create(tx: PosTx, data: { name: string; locationId: string; currency: string }): Promise<Register> {
    await advisoryLock(tx, `pos.registers:${this.tenantId}`);
    const last = await tx.register.aggregate({ where: { tenantId: this.tenantId }, _max: { number: true } });
    return tx.register.create({ data: { ...data, tenantId: this.tenantId, number: (last._max.number ?? 0) + 1 } });
  }

  /** Issues the register's next receipt number (the row stays locked until commit; a rollback gives it back). */
  async nextReceiptSeq(tx: PosTx, id: string): Promise<number> {
    const updated = await tx.register.update({
      where: { tenantId_id: { tenantId: this.tenantId, id } },
      data: { lastReceiptSeq: { increment: 1 } },
      select: { lastReceiptSeq: true },
    });
    return updated.lastReceiptSeq;
  }
}
