import type { Page, PageWindow } from '@tessera/service-kit';
import type { Prisma, RegisterSession, SessionStatus } from '../generated/prisma/client.js';
import type { PosTx } from '../db.js';

export interface SessionChange {
  status: SessionStatus;
  closingStartedAt?: Date;
  closedAt?: Date;
  expectedCash?: string;
  countedCash?: string;
  difference?: string;
}

/** SQL access to register sessions, always filtered by the tenant. */
export class SessionRepository {
  constructor(private readonly tenantId: string) {}

  findByIds(tx: PosTx, ids: readonly string[]): Promise<RegisterSession[]> {
    return tx.registerSession.findMany({ where: { tenantId: this.tenantId, id: { in: [...ids] } } });
  }

  findById(tx: PosTx, id: string): Promise<RegisterSession | null> {
    return tx.registerSession.findFirst({ where: { tenantId: this.tenantId, id } });
  }

  /** The OPEN or CLOSING session of each register that has one. */
  listCurrent(tx: PosTx, registerIds: readonly string[]): Promise<RegisterSession[]> {
    return tx.registerSession.findMany({
      where: { tenantId: this.tenantId, registerId: { in: [...registerIds] }, status: { in: ['OPEN', 'CLOSING'] } },
    });
  }

  async page(
    tx: PosTx,
    filter: { registerId: string | null; statuses: readonly SessionStatus[] | null },
    query: PageWindow,
  ): Promise<Page<RegisterSession>> {
    const where: Prisma.RegisterSessionWhereInput = {
      tenantId: this.tenantId,
      ...(filter.registerId ? { registerId: filter.registerId } : {}),
      ...(filter.statuses ? { status: { in: [...filter.statuses] } } : {}),
    };
    const rows = await tx.registerSession.findMany({
      where: query.afterId ? { ...where, id: { gt: query.afterId } } : where,
      orderBy: { id: 'asc' },
      take: query.take + 1,
    });
    return { rows, totalCount: await tx.registerSession.count({ where }) };
  }

  create(tx: PosTx, data: { registerId: string; currency: string; openingFloat: string; openedAt: Date }): Promise<RegisterSession> {
    return tx.registerSession.create({ data: { ...data, tenantId: this.tenantId } });
  }

  /** Applies `change` only if the session is in `from` (a conditional UPDATE: concurrent transitions cannot both win). */
  async transition(tx: PosTx, id: string, from: SessionStatus, change: SessionChange): Promise<RegisterSession | null> {
    const [updated] = await tx.registerSession.updateManyAndReturn({ where: { tenantId: this.tenantId, id, status: from }, data: change });
    return updated ?? null;
  }

  /** Locks the session row until the transaction ends (a void and a start-closing cannot interleave). */
  async lock(tx: PosTx, id: string): Promise<RegisterSession | null> {
    const rows = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM register_sessions WHERE tenant_id = ${this.tenantId}::uuid AND id = ${id}::uuid FOR UPDATE`;
    return rows.length === 0 ? null : this.findById(tx, id);
  }
}
