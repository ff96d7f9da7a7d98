/**
 * The dispatcher: finds due deliveries of every tenant and makes one attempt each, a bounded number
 * at once. Finding runs as tessera_events (which sees only the scheduling columns of deliveries, never
 * a body, an endpoint or a secret); each attempt is claimed, and afterwards recorded, in the
 * delivery's own tenant transaction as the services' role (row-level security applies), and no
 * transaction is open while the request is in flight. A claim is a lease: a dispatcher that dies
 * mid-attempt leaves the delivery due again when the lease ends (receivers dedupe on
 * `Tessera-Event-Id`). A delivery waits while an earlier one of the same subject for the same
 * endpoint is pending (stream order), unless it is a manual redelivery.
 */
import type { LookupAddress } from 'node:dns';
import pg from 'pg';
import { eventsConfig, inTenantTransaction, patientConnect } from '@tessera/prisma';
import type { Logger, ModuleWorker } from '@tessera/service-kit';
import type { WebhooksDb, WebhooksTx } from '../db.js';
import { RETRY_WINDOW_MS, givenUp, retryDelayMs } from '../domain/schedule.js';
import { openSecret, signatureHeader } from '../domain/signing.js';
import type { WebhooksSettings } from '../env.js';
import { createRepositories } from '../repositories/index.js';
import { postWebhook } from './http.js';

export interface DispatcherOptions {
  db: WebhooksDb;
  logger: Logger;
  settings: WebhooksSettings;
  now?: () => Date;
  /** Resolves host names at connect time (node:dns by default). */
  lookup?: (host: string) => Promise<LookupAddress[]>;
  /** The jitter source (tests fix it). */
  random?: () => number;
}

const LEASE_MARGIN_MS = 30_000;

export class Dispatcher implements ModuleWorker {
  readonly name = 'webhooks-dispatcher';
  private readonly pool: pg.Pool;
  private readonly now: () => Date;
  private running: Promise<void> | null = null;
  private stopping = false;
  private timer: NodeJS.Timeout | null = null;
  private wakeUp: (() => void) | null = null;
  private readonly inFlight = new Set<Promise<void>>();
  /** Attempts this process made (tests and metrics read it). */
  attempts = 0;

  constructor(private readonly options: DispatcherOptions) {
    this.now = options.now ?? (() => new Date());
    this.pool = patientConnect(
      new pg.Pool({ ...eventsConfig('webhooks'), max: 1, idleTimeoutMillis: 10_000, application_name: 'webhooks-dispatcher' }),
    );
    this.pool.on('error', () => undefined);
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
  }

  /** Looks for due work now rather than at the next poll. */
  wake(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.running;
    this.running = null;
    await Promise.allSettled(this.inFlight);
    await this.pool.end().catch(() => undefined);
  }

  private async loop(): Promise<void> {
    const { settings, logger } = this.options;
    while (!this.stopping) {
      let found = 0;
      try {
        found = await this.dispatchDue();
      } catch (error) {
        logger.warn({ err: error }, 'webhooks: cannot look for due deliveries; will try again');
      }
      if (this.stopping) break;
      // A full batch: there may be more at once. Otherwise wait for the poll or a wake-up.
      if (found >= settings.concurrency * 4) continue;
      await new Promise<void>((resolve) => {
        this.wakeUp = resolve;
        this.timer = setTimeout(resolve, settings.pollMs);
      });
      if (this.timer) clearTimeout(this.timer);
      this.wakeUp = null;
    }
  }

  /** One round: the due deliveries, attempted `concurrency` at a time; returns how many were due. */
  async dispatchDue(): Promise<number> {
    const { settings } = this.options;
    const { rows } = await this.pool.query<{ id: string; tenant_id: string }>(
      `SELECT d.id, d.tenant_id FROM webhook_deliveries d
        WHERE d.status = 'PENDING' AND d.next_attempt_at <= now() AND (d.leased_until IS NULL OR d.leased_until < now())
          AND (NOT d.ordered OR NOT EXISTS (
                SELECT 1 FROM webhook_deliveries e
                 WHERE e.endpoint_id = d.endpoint_id AND e.producer = d.producer AND e.subject_id = d.subject_id
                   AND e.status = 'PENDING' AND e.ordered AND e.stream_seq < d.stream_seq))
        ORDER BY d.next_attempt_at, d.stream_seq
        LIMIT $1`,
      [settings.concurrency * 4],
    );
    for (const row of rows) {
      if (this.stopping) break;
      const task: Promise<void> = this.attempt(row.tenant_id, row.id)
        .catch((error: unknown) => this.options.logger.error({ err: error, deliveryId: row.id }, 'webhooks: attempt failed unexpectedly'))
        .finally(() => this.inFlight.delete(task));
      this.inFlight.add(task);
      while (this.inFlight.size >= settings.concurrency) await Promise.race(this.inFlight);
    }
    await Promise.allSettled(this.inFlight);
    return rows.length;
  }

  /** One attempt of one delivery: claim, send (outside any transaction), record. */
  async attempt(tenantId: string, deliveryId: string): Promise<void> {
    const { db, settings } = this.options;
    const repositories = createRepositories(tenantId);
    const run = <R>(work: (tx: WebhooksTx) => Promise<R>) => inTenantTransaction(db, tenantId, work, { maxWait: 10_000 });
    const leaseUntil = new Date(this.now().getTime() + settings.timeoutMs + LEASE_MARGIN_MS);
    const claimed = await run((tx) => repositories.deliveries.claim(tx, deliveryId, leaseUntil));
    if (!claimed) return;
    if (!claimed.enabled) {
      await run((tx) =>
        repositories.deliveries.settle(tx, deliveryId, { status: 'FAILED', lastResponseStatus: null, lastError: 'endpoint disabled' }),
      );
      return;
    }
    this.attempts += 1;
    const startedAt = this.now();
    const secrets = [openSecret(claimed.secret, settings.masterKey)];
    if (claimed.previousSecret && claimed.previousSecretExpiresAt && claimed.previousSecretExpiresAt > startedAt)
      secrets.push(openSecret(claimed.previousSecret, settings.masterKey));
    const result = await postWebhook(
      claimed.url,
      claimed.body,
      {
        'content-type': 'application/json',
        'user-agent': 'Tessera-Webhooks/1',
        'tessera-event-id': claimed.eventId,
        'tessera-event-type': claimed.eventType,
        'tessera-delivery-id': claimed.id,
        'tessera-attempt': String(claimed.attempts),
        'tessera-signature': signatureHeader(claimed.body, Math.floor(startedAt.getTime() / 1000), secrets),
      },
      { timeoutMs: settings.timeoutMs, production: settings.production, ...(this.options.lookup ? { lookup: this.options.lookup } : {}) },
    );
    // The endpoint first, then its deliveries: the order every writer of both takes (no deadlock).
    await run(async (tx) => {
      const endpoint = await repositories.endpoints.lock(tx, claimed.endpointId);
      const now = this.now();
      await repositories.deliveries.recordAttempt(tx, {
        deliveryId,
        number: claimed.attempts,
        startedAt,
        durationMs: result.durationMs,
        responseStatus: result.status,
        responseBody: result.body,
        error: result.error,
      });
      if (result.ok) {
        await repositories.deliveries.settle(tx, deliveryId, {
          status: 'SUCCEEDED',
          deliveredAt: now,
          lastResponseStatus: result.status,
          lastError: null,
        });
        if (endpoint?.failingSince) await repositories.endpoints.update(tx, endpoint.id, { failingSince: null });
        return;
      }
      await repositories.deliveries.settle(tx, deliveryId, {
        status: givenUp(claimed.createdAt, now) ? 'FAILED' : 'PENDING',
        nextAttemptAt: new Date(now.getTime() + retryDelayMs(claimed.attempts, this.options.random) * settings.retryScale),
        lastResponseStatus: result.status,
        lastError: result.error,
      });
      if (!endpoint) return;
      const failingSince = endpoint.failingSince ?? startedAt;
      if (endpoint.enabled && now.getTime() - failingSince.getTime() >= RETRY_WINDOW_MS) {
        await repositories.endpoints.update(tx, endpoint.id, {
          enabled: false,
          failingSince,
          disabledReason: `Every attempt since ${failingSince.toISOString()} failed: disabled after 3 days`,
        });
        await repositories.deliveries.failPending(tx, endpoint.id, 'endpoint disabled after failing for 3 days');
        this.options.logger.warn({ tenantId, endpointId: endpoint.id }, 'webhooks: endpoint disabled after failing for 3 days');
      } else if (!endpoint.failingSince) {
        await repositories.endpoints.update(tx, endpoint.id, { failingSince });
      }
    });
  }
}
