/**
 * Operators' view of dead letters: list them per module and replay one. Replaying republishes the
 * original message on its original subject (a new Nats-Msg-Id, the same event id): the consumer
 * that gave up tries again, and every other consumer of the subject skips it through its inbox.
 * Runs as the database administrator (dead letters are invisible to the services' role).
 */
import { moduleDatabaseName, withAdminClient } from '@tessera/prisma';
import type { EventBus } from './bus.js';

export interface DeadLetterRow {
  id: string;
  consumer: string;
  stream: string;
  stream_seq: string;
  subject: string;
  tenant_id: string | null;
  event_id: string | null;
  type: string | null;
  payload: string;
  error: string;
  deliveries: number;
  failed_at: Date;
  replayed_at: Date | null;
}

/** The dead letters of a module's consumers, newest first (replayed ones only when asked). */
export function listDeadLetters(module: string, options: { includeReplayed?: boolean } = {}): Promise<DeadLetterRow[]> {
  return withAdminClient(
    async (client) =>
      (
        await client.query<DeadLetterRow>(`SELECT * FROM dead_letters WHERE $1 OR replayed_at IS NULL ORDER BY failed_at DESC`, [
          options.includeReplayed ?? false,
        ])
      ).rows,
    moduleDatabaseName(module),
  );
}

/** Republishes one dead letter and marks it replayed; returns false when there is no such letter. */
export async function replayDeadLetter(bus: EventBus, module: string, id: string): Promise<boolean> {
  return withAdminClient(async (client) => {
    const { rows } = await client.query<DeadLetterRow>('SELECT * FROM dead_letters WHERE id = $1 FOR UPDATE', [id]);
    const letter = rows[0];
    if (!letter) return false;
    await bus.js.publish(letter.subject, letter.payload, { msgID: `replay-${letter.id}-${Date.now()}` });
    await client.query('UPDATE dead_letters SET replayed_at = now() WHERE id = $1', [id]);
    return true;
  }, moduleDatabaseName(module));
}
