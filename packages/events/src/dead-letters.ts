/**
 * Operators' view of dead letters: list them per module and replay one. Replaying republishes the
 * original message on its original subject (a new Nats-Msg-Id, the same event id): the consumer
 * that gave up tries again, and every other consumer of the subject skips it through its inbox.
 * Runs as the database administrator (dead letters are invisible to the services' role).
 */
import { moduleDatabaseName, withAdminClient } from '@tessera/prisma';
import type { EventBus } from './bus.js';
import { parseEnvelope, subjectOf } from './envelope.js';

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

export type ReplayResult = { replayed: true } | { replayed: false; reason: string };

/**
 * Republishes one dead letter and marks it replayed. Only a well-formed event goes back, on exactly
 * the subject its own type and tenant give (so a letter can never inject an event for another
 * tenant), once: a second replay of the same letter is refused here and dropped by the stream.
 */
export async function replayDeadLetter(bus: EventBus, module: string, id: string): Promise<ReplayResult> {
  return withAdminClient(async (client) => {
    await client.query('BEGIN');
    try {
      const { rows } = await client.query<DeadLetterRow>('SELECT * FROM dead_letters WHERE id = $1 FOR UPDATE', [id]);
      const letter = rows[0];
      const refusal = (reason: string) => ({ replayed: false as const, reason });
      let result: ReplayResult;
      if (!letter) result = refusal(`no dead letter ${id} in ${module}`);
      else if (letter.replayed_at) result = refusal(`already replayed at ${letter.replayed_at.toISOString()}`);
      else {
        let event;
        try {
          event = parseEnvelope(JSON.parse(letter.payload));
        } catch (error) {
          event = null;
          result = refusal(`not a valid event, cannot be replayed: ${error instanceof Error ? error.message : String(error)}`);
        }
        if (event) {
          const subject = subjectOf(event.type, event.tenantId, bus.namespace);
          if (subject !== letter.subject) result = refusal(`its subject ${letter.subject} is not its event's (${subject})`);
          else {
            await bus.js.publish(subject, letter.payload, { msgID: `replay-${letter.id}` });
            await client.query('UPDATE dead_letters SET replayed_at = now() WHERE id = $1', [id]);
            result = { replayed: true };
          }
        }
      }
      await client.query('COMMIT');
      return result!;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }, moduleDatabaseName(module));
}
