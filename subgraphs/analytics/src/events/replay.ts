/**
 * Rebuilding the read models from the streams: wipe them (every tenant, or one), then replay the
 * streams of every module analytics reads (SOURCE_MODULES) from their first message through the same
 * projections the live consumers apply. Because every projection is idempotent and order-independent, the result is what
 * the live consumers built (and what they would have built had nothing been lost). Facts older than
 * the streams' retention (400 days) are gone from the streams, so a rebuild drops them too.
 *
 * Reading crosses tenants (a stream holds every tenant's events); writing does not: each tenant's
 * events are applied in transactions bound to that tenant, as the app role. The only cross-tenant
 * read of the database is the list of tenants to wipe, made as the database administrator (like the
 * events CLI), which also holds the read-model lock for the whole run (see rebuild-lock.ts).
 */
import { randomUUID } from 'node:crypto';
import {
  InvalidEventError,
  parseEnvelope,
  streamNameOf,
  splitEventType,
  streamSubjectOf,
  type EventBus,
  type EventEnvelope,
  type EventLogger,
} from '@tessera/events';
import { inTenantTransaction, moduleDatabaseName, withAdminClient } from '@tessera/prisma';
import { isUuid } from '@tessera/service-kit';
import type { AnalyticsDb } from '../db.js';
import { READ_MODEL_TABLES, wipeTenant } from '../repositories/read-models.js';
import { analyticsProjections, projectionOf, type Effect } from './projections.js';
import { READ_MODEL_LOCK } from './rebuild-lock.js';

/** The modules whose streams feed analytics: those of the event types its projections read. */
export const SOURCE_MODULES: readonly string[] = [...new Set(analyticsProjections.map((projection) => splitEventType(projection.type)[0]))];

export interface RebuildOptions {
  db: AnalyticsDb;
  /** A connection to the bus, in the namespace of the streams to replay. */
  bus: EventBus;
  logger: EventLogger;
  /** Rebuild only this tenant; every tenant when omitted. */
  tenantId?: string;
  /** Messages read and applied together (one transaction per tenant per batch). Default 500. */
  batchSize?: number;
  /** How long to wait for the read-model lock before giving up. Default 30 s. */
  lockTimeoutMs?: number;
}

export interface RebuildReport {
  /** Tenants whose read models were wiped. */
  tenantsWiped: number;
  /** Tenants with at least one event applied. */
  tenantsReplayed: number;
  /** Events applied through a projection. */
  applied: number;
  /** Events of types analytics does not read. */
  ignored: number;
  /** Messages the live consumers would dead-letter (malformed, or refused by a projection): skipped. */
  invalid: number;
  /** Messages read per stream. */
  streams: Record<string, number>;
}

/** Rebuilds the read models; see the file comment. Fails without changing anything if the lock cannot be had. */
export async function rebuildReadModels(options: RebuildOptions): Promise<RebuildReport> {
  const { db, logger, tenantId } = options;
  if (tenantId !== undefined && !isUuid(tenantId)) throw new Error(`tenant ${JSON.stringify(tenantId)} is not a tenant id (UUID)`);
  return withAdminClient(async (admin) => {
    await admin.query(`SET lock_timeout = ${Math.max(1, Math.round(options.lockTimeoutMs ?? 30_000))}`);
    try {
      await admin.query('SELECT pg_advisory_lock(hashtext($1))', [READ_MODEL_LOCK]);
    } catch (error) {
      throw new Error('cannot take the analytics read-model lock: another rebuild is running, or live consumers keep it busy', {
        cause: error,
      });
    }
    try {
      const tenants = tenantId ? [tenantId] : await knownTenants(admin);
      for (const tenant of tenants) await inTenantTransaction(db, tenant, (tx) => wipeTenant(tx, tenant));
      logger.info({ tenants: tenants.length }, 'analytics read models wiped');
      const report: RebuildReport = { tenantsWiped: tenants.length, tenantsReplayed: 0, applied: 0, ignored: 0, invalid: 0, streams: {} };
      const replayed = new Set<string>();
      for (const module of SOURCE_MODULES) {
        report.streams[module] = await replayStream(options, module, report, replayed);
      }
      report.tenantsReplayed = replayed.size;
      logger.info({ ...report }, 'analytics read models rebuilt');
      return report;
    } finally {
      await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [READ_MODEL_LOCK]).catch(() => undefined);
    }
  }, moduleDatabaseName('analytics'));
}

/** Every tenant with a read-model row (read as the administrator: the app role sees one tenant at a time). */
async function knownTenants(admin: { query(sql: string): Promise<{ rows: { tenant_id: string }[] }> }): Promise<string[]> {
  const union = READ_MODEL_TABLES.map((table) => `SELECT tenant_id FROM "${table}"`).join(' UNION ');
  const { rows } = await admin.query(`SELECT tenant_id::text FROM (${union}) t ORDER BY tenant_id`);
  return rows.map((row) => row.tenant_id);
}

/** Replays one module's stream (the tenant's subjects only, if one is given) from its first message; returns the messages read. */
async function replayStream(options: RebuildOptions, module: string, report: RebuildReport, replayed: Set<string>): Promise<number> {
  const { bus, logger } = options;
  const stream = streamNameOf(module, bus.namespace);
  try {
    await bus.jsm.streams.info(stream);
  } catch (error) {
    if (/stream not found/i.test(String(error))) {
      logger.warn({ stream }, 'stream not found: nothing to replay from it');
      return 0;
    }
    throw error;
  }
  const prefix = bus.namespace ? `${bus.namespace}.` : '';
  const filter = options.tenantId ? `${prefix}${module}.${options.tenantId}.>` : streamSubjectOf(module, bus.namespace);
  const batchSize = options.batchSize ?? 500;
  // An ephemeral pull consumer of our own from the first message; deleted at the end (and by the
  // server after 5 idle minutes if this process dies).
  const created = await bus.jsm.consumers.add(stream, {
    description: `analytics rebuild ${randomUUID()}`,
    filter_subject: filter,
    deliver_policy: 'all',
    ack_policy: 'explicit',
    max_ack_pending: batchSize * 2,
    inactive_threshold: 5 * 60 * 1e9,
  });
  let read = 0;
  try {
    const consumer = await bus.js.consumers.get(stream, created.name);
    if (created.num_pending === 0) return 0;
    for (;;) {
      const batch = await consumer.fetch({ max_messages: batchSize, expires: 2000 });
      const events: EventEnvelope[] = [];
      const messages = [];
      let caughtUp = false;
      for await (const msg of batch) {
        messages.push(msg);
        const event = parseMessage(msg.subject, msg.string(), bus.namespace);
        if (event instanceof Error) {
          report.invalid += 1;
          logger.warn({ stream, seq: msg.seq, reason: event.message }, 'skipping a malformed message');
        } else events.push(event);
        if (msg.info.pending === 0) {
          caughtUp = true;
          break;
        }
      }
      read += messages.length;
      await applyEvents(options, events, report, replayed);
      for (const msg of messages) msg.ack();
      if (caughtUp || messages.length === 0) return read;
    }
  } finally {
    await bus.jsm.consumers.delete(stream, created.name).catch(() => undefined);
  }
}

/** The event in a message, checked as the live consumers check it (contract, and the subject's tenant); an Error if it is not one. */
function parseMessage(subject: string, payload: string, namespace: string): EventEnvelope | Error {
  try {
    const event = parseEnvelope(JSON.parse(payload));
    const tenantToken = subject.split('.').at(namespace ? 2 : 1);
    if (tenantToken !== event.tenantId) throw new InvalidEventError(`subject ${subject} does not belong to tenant ${event.tenantId}`);
    return event;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Applies a batch: one transaction per tenant, its events in stream order. */
async function applyEvents(options: RebuildOptions, events: EventEnvelope[], report: RebuildReport, replayed: Set<string>): Promise<void> {
  const byTenant = new Map<string, Effect[]>();
  for (const event of events) {
    const projection = projectionOf(event.type);
    if (!projection) {
      report.ignored += 1;
      continue;
    }
    let effect: Effect;
    try {
      effect = projection.plan(event);
    } catch (error) {
      if (!(error instanceof InvalidEventError)) throw error;
      report.invalid += 1;
      options.logger.warn({ eventId: event.id, type: event.type, reason: error.message }, 'skipping an event analytics cannot apply');
      continue;
    }
    const effects = byTenant.get(event.tenantId) ?? [];
    effects.push(effect);
    byTenant.set(event.tenantId, effects);
  }
  for (const [tenantId, effects] of byTenant) {
    await inTenantTransaction(
      options.db,
      tenantId,
      async (tx) => {
        for (const effect of effects) await effect(tx);
      },
      { maxWait: 15_000, timeout: 120_000 },
    );
    report.applied += effects.length;
    replayed.add(tenantId);
  }
}
