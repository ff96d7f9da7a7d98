/**
 * Where consumers record the messages they give up on: the consuming module's `dead_letters` table,
 * written on a connection of its own as tessera_events (the services' role cannot read or write
 * dead letters at all, so no tenant's code can forge one).
 */
import pg from 'pg';
import { eventsConfig, patientConnect } from '@tessera/prisma';

export interface DeadLetter {
  consumer: string;
  stream: string;
  streamSeq: number;
  subject: string;
  tenantId: string | null;
  eventId: string | null;
  type: string | null;
  payload: string;
  error: string;
  deliveries: number;
}

export class DeadLetterSink {
  private readonly pool: pg.Pool;

  constructor(module: string, connection: pg.PoolConfig = {}) {
    this.pool = patientConnect(
      new pg.Pool({
        ...eventsConfig(module),
        max: 2,
        keepAlive: true,
        connectionTimeoutMillis: 5000,
        query_timeout: 10_000,
        application_name: `${module}-dead-letters`,
        ...connection,
      }),
    );
    this.pool.on('error', () => undefined);
  }

  /** Records a dead letter; the same stream message is recorded once per consumer (and stream incarnation). */
  async record(letter: DeadLetter): Promise<void> {
    await this.pool.query(
      `INSERT INTO dead_letters (id, consumer, stream, stream_seq, subject, tenant_id, event_id, type, payload, error, deliveries)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (consumer, stream, stream_seq) DO NOTHING`,
      [
        letter.consumer,
        letter.stream,
        letter.streamSeq,
        letter.subject,
        letter.tenantId,
        letter.eventId,
        letter.type,
        letter.payload,
        letter.error.slice(0, 4000),
        letter.deliveries,
      ],
    );
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
