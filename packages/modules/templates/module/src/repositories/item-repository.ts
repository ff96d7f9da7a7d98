import type { Page, PageWindow } from '@tessera/service-kit';
import type { __Module__Tx } from '../db.js';
import type { __Entity__ } from '../generated/prisma/client.js';

/** Items: SQL only. Every query filters by the tenant (row-level security is the second lock). */
export class ItemRepository {
  constructor(private readonly tenantId: string) {}

  create(tx: __Module__Tx, name: string): Promise<__Entity__> {
    return tx.__entity__.create({ data: { tenantId: this.tenantId, name } });
  }

  findByIds(tx: __Module__Tx, ids: string[]): Promise<__Entity__[]> {
    return tx.__entity__.findMany({ where: { tenantId: this.tenantId, id: { in: ids } } });
  }

  async page(tx: __Module__Tx, window: PageWindow): Promise<Page<__Entity__>> {
    const where = { tenantId: this.tenantId };
    const [rows, totalCount] = await Promise.all([
      tx.__entity__.findMany({
        where: { ...where, ...(window.afterId ? { id: { gt: window.afterId } } : {}) },
        orderBy: { id: 'asc' },
        take: window.take + 1,
      }),
      tx.__entity__.count({ where }),
    ]);
    return { rows, totalCount };
  }

  /** Marks the item confirmed (once: a redelivered event changes nothing). */
  async confirm(tx: __Module__Tx, id: string, at: Date): Promise<void> {
    await tx.__entity__.updateMany({ where: { tenantId: this.tenantId, id, confirmedAt: null }, data: { confirmedAt: at } });
  }
}
