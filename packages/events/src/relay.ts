/**
 * The outbox relay: publishes a module's committed outbox rows to JetStream, in commit order, with
 * `Nats-Msg-Id` = event id, then marks them published. One relay at a time per module database
 * and namespace (a transaction-scoped advisory lock), so order per aggregate holds with several
 * replicas.
 *
 * Failure modes, and why nothing is lost or doubled:
 * - NATS down: the publish fails, the batch stops at that row, rows stay unpublished and go out in
 *   order once the server is back (retries back off up to 5 s).
 * - Crash between publish and mark: the transaction rolls back, the rows are published again and
 *   the stream drops the duplicates (same msg id within the duplicate window); consumers' inboxes
 *   would catch anything older.
 * - PostgreSQL down, or a connection silently dropped: keep-alive and timeouts end the attempt, and
 *   the relay reconnects with backoff.
 * It runs as tessera_events (the only role that sees every tenant's outbox rows, and only those). It
 * wakes on NOTIFY from the outbox trigger (delivered at commit) and polls as a fallback.
 * Order: rows go out by `seq`, assigned at insert; producers lock the aggregate's row before
 * recording its event, so one aggregate's events are inserted, and published, in order.
 */
import pg from 'pg';
import { eventsConfig } from '@tessera/prisma';
import { streamSubjectOf, type EventBus, type EventLogger } from './bus.js';
import type { EventEnvelope } from './envelope.js';
import { contextOfEnvelope, eventAttributes, inSpan, SpanKind } from './tracing.js';

const RELAY_LOCK = 'tessera:outbox-relay';
const encoder = new TextEncoder();

export interface OutboxRelayOptions {
  module: string;
  bus: EventBus;
  logger: EventLogger;
  /** Rows per transaction. */
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives. */
  pollIntervalMs?: number;
  /** Test hook: runs after each publish is acknowledged, before the batch is marked. */
  afterPublish?: (eventId: string) => void | Promise<void>;
  /** Connection settings (default: the module's database as tessera_events). */
  connection?: pg.ClientConfig;
}

export interface OutboxRelay {
  /** Publishes what is pending now (also called on NOTIFY and by the poll). */
  kick(): void;
  /**
   * Resolves when nothing is pending and no batch is running (tests, shutdown), or after `timeoutMs`
   * (default 10 s) while NATS or the database is down, so shutdown never hangs.
   */
  idle(timeoutMs?: number): Promise<void>;
  /** Events published since start. */
  readonly published: number;
  stop(): Promise<void>;
}

/** NATS refused or did not acknowledge a publish; the database connection is fine. */
class PublishError extends Error {}

interface PendingRow {
  id: string;
  seq: string;
  subject: string;
  envelope: EventEnvelope;
}

/** Starts the relay of one module. */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { bus, logger, module } = options;
  const batchSize = options.batchSize ?? 200;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  // This relay's rows: its module's subjects in its namespace (others may share the database in tests).
  const prefix = streamSubjectOf(module, bus.namespace).slice(0, -1);
  let client: pg.Client | null = null;
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let failures = 0;
  let streamReady = false;
  let published = 0;
  let retryTimer: NodeJS.Timeout | null = null;
  const idleWaiters: (() => void)[] = [];

  async function connection(): Promise<pg.Client> {
    if (client) return client;
    const next = new pg.Client({
      ...eventsConfig(module),
      keepAlive: true,
      connectionTimeoutMillis: 5000,
      query_timeout: 30_000,
      application_name: `${module}-outbox-relay`,
      ...options.connection,
    });
    next.on('error', (error) => {
      logger.warn({ err: error }, 'outbox relay lost its database connection');
      if (client === next) client = null;
    });
    next.on('notification', () => kick());
    try {
      await next.connect();
      await next.query('LISTEN tessera_outbox');
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    client = next;
    return next;
  }

  /** Publishes one batch in one transaction; returns how many rows it published. */
  async function publishBatch(db: pg.Client): Promise<number> {
    await db.query('BEGIN');
    try {
      const lock = await db.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [
        `${RELAY_LOCK}:${prefix}`,
      ]);
      if (!lock.rows[0]?.locked) {
        await db.query('ROLLBACK');
        return 0;
      }
      const { rows } = await db.query<PendingRow>(
        `SELECT id, seq, subject, envelope FROM outbox_events
          WHERE published_at IS NULL AND starts_with(subject, $2) ORDER BY seq LIMIT $1`,
        [batchSize, prefix],
      );
      const done: string[] = [];
      let failure: unknown = null;
      for (const row of rows) {
        try {
          await inSpan(
            `publish ${row.envelope.type}`,
            SpanKind.PRODUCER,
            contextOfEnvelope(row.envelope),
            eventAttributes(row.envelope),
            () => bus.js.publish(row.subject, encoder.encode(JSON.stringify(row.envelope)), { msgID: row.id, timeout: 5000 }),
          );
          done.push(row.id);
          await options.afterPublish?.(row.id);
        } catch (error) {
          failure = new PublishError(`publishing ${row.subject} failed: ${String(error)}`, { cause: error });
          break;
        }
      }
      if (done.length > 0) {
        await db.query('UPDATE outbox_events SET published_at = now() WHERE id = ANY($1::uuid[]) AND published_at IS NULL', [done]);
      }
      await db.query('COMMIT');
      published += done.length;
      if (failure) throw failure;
      return done.length;
    } catch (error) {
      await db.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  async function drain(): Promise<void> {
    do {
      again = false;
      try {
        // The stream must exist before the first publish (and again after a failure: it may have been deleted).
        if (!streamReady) {
          await bus.ensureStream(module);
          streamReady = true;
        }
        const db = await connection();
        // A full batch means more may be waiting.
        while (!stopped && (await publishBatch(db)) === batchSize);
        failures = 0;
      } catch (error) {
        failures += 1;
        streamReady = false;
        const delay = Math.min(5000, 100 * 2 ** Math.min(failures, 6));
        if (failures === 1 || failures % 20 === 0)
          logger.warn({ err: error, failures, retryInMs: delay }, 'outbox relay cannot publish yet; rows wait');
        if (client && !(error instanceof PublishError)) {
          // A database error: start over on a fresh connection.
          const broken = client;
          client = null;
          void broken.end().catch(() => undefined);
        }
        if (!stopped) {
          retryTimer = setTimeout(() => {
            retryTimer = null;
            kick();
          }, delay);
        }
        return;
      }
    } while (again && !stopped);
    for (const resolve of idleWaiters.splice(0)) resolve();
  }

  function kick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain().finally(() => {
      running = null;
    });
  }

  const poll = setInterval(kick, pollIntervalMs);
  poll.unref();
  kick();

  return {
    kick,
    get published() {
      return published;
    },
    idle(timeoutMs = 10_000) {
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        timer.unref();
        idleWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
        kick();
      });
    },
    async stop() {
      stopped = true;
      clearInterval(poll);
      if (retryTimer) clearTimeout(retryTimer);
      await running;
      for (const resolve of idleWaiters.splice(0)) resolve();
      await client?.end().catch(() => undefined);
      client = null;
    },
  };
}
