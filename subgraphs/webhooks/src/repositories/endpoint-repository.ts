import type { Page, PageWindow } from '@tessera/service-kit';
import type { WebhooksTx } from '../db.js';
import type { Prisma, WebhookEndpoint } from '../generated/prisma/client.js';

/** Webhook endpoints: SQL only. Every query filters by the tenant (row-level security is the second lock). */
export class EndpointRepository {
  constructor(private readonly tenantId: string) {}

  create(
    tx: WebhooksTx,
    data: { url: string; eventTypes: string[]; description: string | null; secret: string },
  ): Promise<WebhookEndpoint> {
    return tx.webhookEndpoint.create({ data: { tenantId: this.tenantId, ...data } });
  }

  findByIds(tx: WebhooksTx, ids: string[]): Promise<WebhookEndpoint[]> {
    return tx.webhookEndpoint.findMany({ where: { tenantId: this.tenantId, id: { in: ids } } });
  }

  /** Every endpoint of the tenant, in id order. */
  all(tx: WebhooksTx): Promise<WebhookEndpoint[]> {
    return tx.webhookEndpoint.findMany({ where: { tenantId: this.tenantId }, orderBy: { id: 'asc' } });
  }

  /** The endpoint, locked for the rest of the transaction (a rotation or an attempt's bookkeeping). */
  async lock(tx: WebhooksTx, id: string): Promise<WebhookEndpoint | null> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM webhook_endpoints WHERE tenant_id = ${this.tenantId}::uuid AND id = ${id}::uuid FOR UPDATE`;
    if (rows.length === 0) return null;
    return tx.webhookEndpoint.findUnique({ where: { id } });
  }

  update(tx: WebhooksTx, id: string, data: Prisma.WebhookEndpointUpdateManyMutationInput): Promise<WebhookEndpoint> {
    return tx.webhookEndpoint.update({ where: { tenantId_id: { tenantId: this.tenantId, id } }, data });
  }

  async delete(tx: WebhooksTx, id: string): Promise<boolean> {
    const { count } = await tx.webhookEndpoint.deleteMany({ where: { tenantId: this.tenantId, id } });
    return count > 0;
  }

  /** The enabled endpoints that want an event of `type`. */
  wanting(tx: WebhooksTx, type: string): Promise<WebhookEndpoint[]> {
    return tx.webhookEndpoint.findMany({
      where: { tenantId: this.tenantId, enabled: true, OR: [{ eventTypes: { has: type } }, { eventTypes: { has: '*' } }] },
      orderBy: { id: 'asc' },
    });
  }

  async page(tx: WebhooksTx, window: PageWindow): Promise<Page<WebhookEndpoint>> {
    const where = { tenantId: this.tenantId };
    const [rows, totalCount] = await Promise.all([
      tx.webhookEndpoint.findMany({
        where: { ...where, ...(window.afterId ? { id: { gt: window.afterId } } : {}) },
        orderBy: { id: 'asc' },
        take: window.take + 1,
      }),
      tx.webhookEndpoint.count({ where }),
    ]);
    return { rows, totalCount };
  }
}
