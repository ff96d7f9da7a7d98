import type { Page, PageWindow } from '@tessera/service-kit';
import type { WebhooksTx } from '../db.js';
import type { WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus } from '../generated/prisma/client.js';

/** A delivery claimed for an attempt, with what the attempt needs of its endpoint. */
export type ClaimedDelivery = WebhookDelivery & {
  url: string;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  enabled: boolean;
};

/** Deliveries and their attempts: SQL only, filtered by the tenant. */
export class DeliveryRepository {
  constructor(private readonly tenantId: string) {}

  /** Records one event for each endpoint (once: a second time changes nothing). Ids are UUIDv7: newest first is id order. */
  async enqueue(
    tx: WebhooksTx,
    endpointIds: readonly string[],
    data: { eventId: string; eventType: string; producer: string; subjectId: string; streamSeq: number; body: string },
  ): Promise<void> {
    await tx.webhookDelivery.createMany({
      data: endpointIds.map((endpointId) => ({ tenantId: this.tenantId, endpointId, ...data, streamSeq: BigInt(data.streamSeq) })),
      skipDuplicates: true,
    });
  }

  findByIds(tx: WebhooksTx, ids: string[]): Promise<WebhookDelivery[]> {
    return tx.webhookDelivery.findMany({ where: { tenantId: this.tenantId, id: { in: ids } } });
  }

  attemptsOf(tx: WebhooksTx, deliveryIds: string[]): Promise<WebhookAttempt[]> {
    return tx.webhookAttempt.findMany({ where: { tenantId: this.tenantId, deliveryId: { in: deliveryIds } }, orderBy: { number: 'asc' } });
  }

  /** Newest first. */
  async page(tx: WebhooksTx, endpointId: string, status: WebhookDeliveryStatus | null, window: PageWindow): Promise<Page<WebhookDelivery>> {
    const where = { tenantId: this.tenantId, endpointId, ...(status ? { status } : {}) };
    const [rows, totalCount] = await Promise.all([
      tx.webhookDelivery.findMany({
        where: { ...where, ...(window.afterId ? { id: { lt: window.afterId } } : {}) },
        orderBy: { id: 'desc' },
        take: window.take + 1,
      }),
      tx.webhookDelivery.count({ where }),
    ]);
    return { rows, totalCount };
  }

  /**
   * Takes a due delivery for one attempt: counts the attempt and leases it until `leaseUntil`, so
   * no other dispatcher (another process of this module) sends it meanwhile. Null when it is not
   * due any more or another dispatcher has it.
   */
  async claim(tx: WebhooksTx, id: string, leaseUntil: Date): Promise<ClaimedDelivery | null> {
    const rows = await tx.$queryRaw<ClaimedDelivery[]>`
      UPDATE webhook_deliveries d
         SET attempts = d.attempts + 1, leased_until = ${leaseUntil}, updated_at = now()
        FROM webhook_endpoints e
       WHERE d.tenant_id = ${this.tenantId}::uuid AND d.id = ${id}::uuid AND e.tenant_id = d.tenant_id AND e.id = d.endpoint_id
         AND d.status = 'PENDING' AND d.next_attempt_at <= now() AND (d.leased_until IS NULL OR d.leased_until < now())
      RETURNING d.id, d.tenant_id AS "tenantId", d.endpoint_id AS "endpointId", d.event_id::text AS "eventId", d.event_type AS "eventType",
                d.producer, d.subject_id AS "subjectId", d.stream_seq AS "streamSeq", d.body, d.status, d.ordered, d.attempts,
                d.next_attempt_at AS "nextAttemptAt", d.leased_until AS "leasedUntil", d.last_response_status AS "lastResponseStatus",
                d.last_error AS "lastError", d.delivered_at AS "deliveredAt", d.created_at AS "createdAt", d.updated_at AS "updatedAt",
                e.url, e.secret, e.previous_secret AS "previousSecret", e.previous_secret_expires_at AS "previousSecretExpiresAt", e.enabled`;
    return rows[0] ?? null;
  }

  recordAttempt(
    tx: WebhooksTx,
    data: {
      deliveryId: string;
      number: number;
      startedAt: Date;
      durationMs: number;
      responseStatus: number | null;
      responseBody: string | null;
      error: string | null;
    },
  ): Promise<WebhookAttempt> {
    return tx.webhookAttempt.create({ data: { tenantId: this.tenantId, ...data } });
  }

  settle(
    tx: WebhooksTx,
    id: string,
    data: {
      status: WebhookDeliveryStatus;
      nextAttemptAt?: Date;
      deliveredAt?: Date | null;
      lastResponseStatus: number | null;
      lastError: string | null;
    },
  ): Promise<WebhookDelivery> {
    return tx.webhookDelivery.update({ where: { tenantId_id: { tenantId: this.tenantId, id } }, data: { ...data, leasedUntil: null } });
  }

  /** Due again now, outside the per-subject order. */
  redeliver(tx: WebhooksTx, id: string): Promise<WebhookDelivery> {
    return tx.webhookDelivery.update({
      where: { tenantId_id: { tenantId: this.tenantId, id } },
      data: { status: 'PENDING', ordered: false, nextAttemptAt: new Date(), deliveredAt: null },
    });
  }

  /** An endpoint's pending deliveries are given up (it was disabled). */
  async failPending(tx: WebhooksTx, endpointId: string, reason: string): Promise<void> {
    await tx.webhookDelivery.updateMany({
      where: { tenantId: this.tenantId, endpointId, status: 'PENDING' },
      data: { status: 'FAILED', lastError: reason, leasedUntil: null },
    });
  }
}
