/**
 * Metrics read from live objects at scrape time: database pools, a module's event backbone (outbox
 * backlog and age, published and consumed events, consumer lag, dead letters).
 */
import { modulePools } from '@tessera/prisma';
import { EventsMonitor, type ModuleEvents } from '@tessera/events';
import { counter, gauge, onScrape } from './metrics.js';

let poolsObserved = false;

/** Connections of every module pool in the process, by state (once per process). */
export function observeDatabasePools(): void {
  if (poolsObserved) return;
  poolsObserved = true;
  gauge(
    'tessera_db_pool_connections',
    'Database pool connections by module and state (total, idle, waiting clients)',
    ['module', 'state'],
    function () {
      this.reset();
      for (const { module, pool } of modulePools()) {
        this.inc({ module, state: 'total' }, pool.totalCount);
        this.inc({ module, state: 'idle' }, pool.idleCount);
        this.inc({ module, state: 'waiting' }, pool.waitingCount);
      }
    },
  );
}

/** Registers a module's event metrics; returns the function that stops observing (and closes the monitor). */
export function observeModuleEvents(module: string, events: ModuleEvents): () => Promise<void> {
  const monitor = new EventsMonitor(module, events.bus);
  const backlog = gauge('tessera_outbox_pending_events', 'Outbox rows committed and not yet published', ['module']);
  const age = gauge('tessera_outbox_oldest_pending_seconds', 'Age of the oldest unpublished outbox row', ['module']);
  const deadLetters = gauge('tessera_dead_letters', 'Dead letters waiting for an operator (not replayed)', ['module']);
  const published = counter('tessera_events_published_total', 'Events the outbox relay published', ['module']);
  const consumed = counter('tessera_events_consumed_total', 'Events handled by consumers, by outcome', ['consumer', 'outcome']);
  const lag = gauge('tessera_consumer_pending_messages', 'Messages on the stream not yet delivered to the durable consumer', ['consumer']);
  const ackPending = gauge('tessera_consumer_ack_pending_messages', 'Messages delivered to the consumer and not acknowledged yet', [
    'consumer',
  ]);
  const seen = new Map<string, number>();
  /** Counters grow by what the live object counted since the last scrape. */
  const advance = (key: string, value: number, add: (delta: number) => void) => {
    const delta = value - (seen.get(key) ?? 0);
    if (delta > 0) add(delta);
    seen.set(key, value);
  };

  const unregister = onScrape(async () => {
    if (events.relay) {
      advance('published', events.relay.published, (d) => published.inc({ module }, d));
      const outbox = await monitor.outboxBacklog().catch(() => null);
      if (outbox) {
        backlog.set({ module }, outbox.pending);
        age.set({ module }, outbox.oldestSeconds);
      }
    }
    for (const consumer of events.consumers) {
      advance(`${consumer.name}:applied`, consumer.applied, (d) => consumed.inc({ consumer: consumer.name, outcome: 'applied' }, d));
      advance(`${consumer.name}:duplicate`, consumer.duplicates, (d) => consumed.inc({ consumer: consumer.name, outcome: 'duplicate' }, d));
      advance(`${consumer.name}:dead`, consumer.deadLettered, (d) =>
        consumed.inc({ consumer: consumer.name, outcome: 'dead_lettered' }, d),
      );
    }
    if (events.consumers.length > 0) {
      const [letters, lags] = await Promise.all([
        monitor.deadLetters().catch(() => null),
        monitor.consumerLag(events.consumers.map((c) => ({ name: c.name, stream: c.stream }))).catch(() => []),
      ]);
      if (letters !== null) deadLetters.set({ module }, letters);
      for (const entry of lags) {
        lag.set({ consumer: entry.consumer }, entry.pending);
        ackPending.set({ consumer: entry.consumer }, entry.ackPending);
      }
    }
  });
  return async () => {
    unregister();
    await monitor.close();
  };
}
