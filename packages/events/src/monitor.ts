/**
 * What operators watch about a module's events, read at scrape time: the outbox backlog (rows
 * committed but not yet published, and the age of the oldest: a stuck relay shows here first), the
 * dead letters waiting for an operator, and each durable consumer's lag on its stream. Runs as
 * tessera_events (the only role that sees every tenant's outbox rows and the dead letters), on one
 * connection that closes itself when idle.
 */
import pg from 'pg';
import { eventsConfig } from '@tessera/prisma';
import { streamSubjectOf, type EventBus } from './bus.js';

export interface OutboxBacklog {
  pending: number;
  oldestSeconds: number;
}

export interface ConsumerLag {
  consumer: string;
  stream: string;
  /** Messages on the stream the consumer has not been delivered yet. */
  pending: number;
  /** Delivered, not acknowledged yet. */
  ackPending: number;
  redelivered: number;
}

export class EventsMonitor {
  private readonly pool: pg.Pool;
  private readonly prefix: string;

  constructor(
    private readonly module: string,
    private readonly bus: EventBus,
  ) {
    this.pool = new pg.Pool({
      ...eventsConfig(module),
      max: 1,
      idleTimeoutMillis: 5_000,
      connectionTimeoutMillis: 2_000,
      query_timeout: 2_000,
      application_name: `${module}-events-monitor`,
    });
    this.pool.on('error', () => undefined);
    this.prefix = streamSubjectOf(module, bus.namespace).slice(0, -1);
  }

  /** The module's unpublished outbox rows (its own namespace only). */
  async outboxBacklog(): Promise<OutboxBacklog> {
    const { rows } = await this.pool.query<{ pending: string; oldest: number | null }>(
      `SELECT count(*) AS pending, extract(epoch FROM now() - min(created_at))::float8 AS oldest
         FROM outbox_events WHERE published_at IS NULL AND starts_with(subject, $1)`,
      [this.prefix],
    );
    return { pending: Number(rows[0]?.pending ?? 0), oldestSeconds: Math.max(0, rows[0]?.oldest ?? 0) };
  }

  /** Dead letters of the module's consumers not replayed yet. */
  async deadLetters(): Promise<number> {
    const { rows } = await this.pool.query<{ count: string }>('SELECT count(*) FROM dead_letters WHERE replayed_at IS NULL');
    return Number(rows[0]?.count ?? 0);
  }

  /** The lag of each named durable consumer on `stream`. */
  async consumerLag(consumers: { name: string; stream: string }[]): Promise<ConsumerLag[]> {
    return Promise.all(
      consumers.map(async ({ name, stream }) => {
        const info = await this.bus.jsm.consumers.info(stream, name);
        return {
          consumer: name,
          stream,
          pending: info.num_pending,
          ackPending: info.num_ack_pending,
          redelivered: info.num_redelivered,
        };
      }),
    );
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
