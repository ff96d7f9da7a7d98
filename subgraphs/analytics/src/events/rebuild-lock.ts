/**
 * The rebuild and the live consumers must never write the read models at the same time (the rebuild
 * wipes a tenant's rows and replays; a live event applied in between would be lost or doubled). One
 * PostgreSQL advisory lock on the analytics database keeps them apart:
 * - every live handler takes it SHARED for its transaction, without waiting: while a rebuild holds
 *   it, the handler fails, and the consumer retries the message later (backoff);
 * - the rebuild takes it EXCLUSIVE for its whole run, on a connection of its own, after in-flight
 *   handlers have committed.
 * Operators still stop the analytics service before a rebuild (a long rebuild would exhaust the
 * retries of a running service, and its messages would end as dead letters, harmless to replay).
 */
import type { AnalyticsTx } from '../db.js';

/** The advisory lock's name (its key is `hashtext(name)`). */
export const READ_MODEL_LOCK = 'tessera.analytics.read_models';

/** Thrown by a live handler while a rebuild runs: the message is retried later. */
export class RebuildInProgressError extends Error {
  override readonly name = 'RebuildInProgressError';
  constructor() {
    super('an analytics rebuild is running: the event will be retried after it');
  }
}

/** Takes the read-model lock shared for the transaction, or fails at once if a rebuild holds it. */
export async function refuseDuringRebuild(tx: AnalyticsTx): Promise<void> {
  const [row] = await tx.$queryRaw<{ taken: boolean }[]>`SELECT pg_try_advisory_xact_lock_shared(hashtext(${READ_MODEL_LOCK})) AS taken`;
  if (!row?.taken) throw new RebuildInProgressError();
}
