import { listCountWhere, listFindArgs, type ListWindow, type Page } from '@tessera/service-kit';
import type { Order, OrderLine, OrderStatus, Prisma } from '../generated/prisma/client.js';
import type { CommerceTx } from '../db.js';

/** Orders: SQL only, filtered by the tenant. */
export class OrderRepository {
  constructor(private readonly tenantId: string) {}

  /**
   * The tenant's next order number value. The counter row stays locked until the placing
   * transaction ends: concurrent placers queue, never share or skip a value, and a rolled-back
   * placement gives its value back (gap-free).
   */
  async nextNumber(tx: CommerceTx): Promise<number> {
    const rows = await tx.$queryRaw<{ last_value: number }[]>`
      INSERT INTO order_number_sequences (tenant_id, last_value) VALUES (${this.tenantId}::uuid, 1)
      ON CONFLICT (tenant_id) DO UPDATE SET last_value = order_number_sequences.last_value + 1
      RETURNING last_value`;
    const value = rows[0]?.last_value;
    if (typeof value !== 'number') throw new Error('order number sequence returned no value');
    return value;
  }

  create(
    tx: CommerceTx,
    data: { number: string; contactId: string | null; currency: string; locationId: string; total: string },
  ): Promise<Order> {
    return tx.order.create({ data: { ...data, tenantId: this.tenantId } });
  }

  findByIds(tx: CommerceTx, ids: string[]): Promise<Order[]> {
    return tx.order.findMany({ where: { tenantId: this.tenantId, id: { in: ids } } });
  }

  /** Locks one order of the tenant for the rest of the transaction; null if there is none. */
  async lock(tx: CommerceTx, id: string): Promise<Order | null> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM orders WHERE tenant_id = ${this.tenantId}::uuid AND id = ${id}::uuid FOR UPDATE`;
    return rows.length === 1 ? tx.order.findUnique({ where: { id, tenantId: this.tenantId } }) : null;
  }

  update(tx: CommerceTx, id: string, data: Prisma.OrderUpdateManyMutationInput): Promise<Order> {
    return tx.order.update({ where: { id, tenantId: this.tenantId }, data });
  }

  listByContactIds(tx: CommerceTx, contactIds: string[]): Promise<Order[]> {
    return tx.order.findMany({ where: { tenantId: this.tenantId, contactId: { in: contactIds } }, orderBy: { id: 'desc' } });
  }

  async page(
    tx: CommerceTx,
    window: ListWindow,
    filter: { statuses: OrderStatus[] | null; contactId: string | null },
  ): Promise<Page<Order>> {
    const where: Prisma.OrderWhereInput = {
      tenantId: this.tenantId,
      ...(filter.statuses ? { status: { in: filter.statuses } } : {}),
      ...(filter.contactId ? { contactId: filter.contactId } : {}),
    };
    const [rows, totalCount] = await Promise.all([
      tx.order.findMany(listFindArgs(where, window)),
      tx.order.count({ where: listCountWhere(where, window) }),
    ]);
    return { rows, totalCount };
  }
}

/** Order lines: SQL only, filtered by the tenant. */
export class OrderLineRepository {
  constructor(private readonly tenantId: string) {}

  createMany(tx: CommerceTx, rows: Omit<OrderLine, 'id' | 'tenantId' | 'fulfilledQuantity'>[]): Promise<OrderLine[]> {
    return tx.orderLine.createManyAndReturn({ data: rows.map((row) => ({ ...row, tenantId: this.tenantId })) });
  }

  listByOrderIds(tx: CommerceTx, orderIds: string[]): Promise<OrderLine[]> {
    return tx.orderLine.findMany({
      where: { tenantId: this.tenantId, orderId: { in: orderIds } },
      orderBy: [{ orderId: 'asc' }, { position: 'asc' }],
    });
  }

  setFulfilled(tx: CommerceTx, id: string, fulfilledQuantity: number): Promise<OrderLine> {
    return tx.orderLine.update({ where: { id, tenantId: this.tenantId }, data: { fulfilledQuantity } });
  }
}
