/**
 * The router's view of the event streams for live subscriptions: one JetStream ordered consumer per
 * (stream, subject filter) shared by every subscriber that needs it, e.g. all of one tenant's
 * `invoiceChanged` subscribers share `invoicing.<tenant>.invoice.*`. Created with the first
 * subscriber, deleted with the last. Ordered consumers recreate themselves after a NATS restart,
 * so subscribers keep receiving without doing anything.
 */
import { DeliverPolicy, type ConsumerMessages } from '@nats-io/jetstream';
import { parseEnvelope, type EventBus, type EventEnvelope } from '@tessera/events';
import type { Logger } from '@tessera/service-kit';

/** An event and its position on its stream (what a subscription's cursor names). */
type Listener = (event: EventEnvelope, seq: number) => void;

interface Feed {
  listeners: Set<Listener>;
  messages: Promise<ConsumerMessages | null>;
}

export class LiveFeeds {
  private readonly feeds = new Map<string, Feed>();

  constructor(
    private readonly bus: EventBus,
    private readonly logger: Logger,
  ) {}

  /** Number of shared consumers running (one per stream and subject filter in use). */
  get size(): number {
    return this.feeds.size;
  }

  /**
   * Calls `listener` with every valid event published on `filter` from now on whose envelope's tenant
   * is `tenantId` (the filter already names the tenant; this is the second lock). Returns the
   * function that stops listening.
   */
  listen(module: string, filter: string, tenantId: string, listener: Listener): () => void {
    const key = `${module}|${filter}`;
    let feed = this.feeds.get(key);
    if (!feed) {
      const created: Feed = { listeners: new Set(), messages: Promise.resolve(null) };
      created.messages = this.start(module, filter, created);
      this.feeds.set(key, created);
      feed = created;
    }
    const guarded: Listener = (event, seq) => {
      if (event.tenantId === tenantId) listener(event, seq);
    };
    feed.listeners.add(guarded);
    const current = feed;
    return () => {
      current.listeners.delete(guarded);
      if (current.listeners.size === 0 && this.feeds.get(key) === current) {
        this.feeds.delete(key);
        void current.messages.then((messages) => messages?.close()).catch(() => undefined);
      }
    };
  }

  private async start(module: string, filter: string, feed: Feed): Promise<ConsumerMessages | null> {
    try {
      const stream = await this.bus.requireStream(module);
      const consumer = await this.bus.js.consumers.get(stream, { filter_subjects: filter, deliver_policy: DeliverPolicy.New });
      const messages = await consumer.consume();
      void (async () => {
        for await (const msg of messages) {
          let event: EventEnvelope;
          try {
            event = parseEnvelope(msg.json());
          } catch (error) {
            this.logger.warn({ err: error, subject: msg.subject }, 'live feed skipped an invalid event');
            continue;
          }
          for (const listener of feed.listeners) {
            try {
              listener(event, msg.seq);
            } catch (error) {
              this.logger.error({ err: error, filter }, 'a live subscriber failed on an event');
            }
          }
        }
      })().catch((error: unknown) => this.logger.warn({ err: error, filter }, 'live feed stopped'));
      return messages;
    } catch (error) {
      this.logger.error({ err: error, filter }, 'cannot open a live feed');
      return null;
    }
  }

  /**
   * Reads, from the stream, the events on `filter` after position `afterSeq` up to the stream's end
   * as it is now, in order, each of `tenantId` only (a resumed subscription's backlog), on an
   * ordered consumer of its own. `onEvent` may wait (backpressure). Returns the last position read
   * (`afterSeq` when there was nothing), or null when `stopped()` said to stop.
   */
  async replay(
    module: string,
    filter: string,
    tenantId: string,
    afterSeq: number,
    onEvent: (event: EventEnvelope, seq: number) => Promise<void>,
    stopped: () => boolean,
  ): Promise<number | null> {
    const stream = await this.bus.requireStream(module);
    const info = await this.bus.jsm.streams.info(stream);
    const end = info.state.last_seq;
    if (end <= afterSeq) return afterSeq;
    const consumer = await this.bus.js.consumers.get(stream, {
      filter_subjects: filter,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: Math.max(afterSeq + 1, info.state.first_seq),
    });
    let last = afterSeq;
    try {
      for (;;) {
        if (stopped()) return null;
        const msg = await consumer.next({ expires: 2000 });
        if (!msg) break;
        last = msg.seq;
        try {
          const event = parseEnvelope(msg.json());
          if (event.tenantId === tenantId) await onEvent(event, msg.seq);
        } catch (error) {
          this.logger.warn({ err: error, subject: msg.subject }, 'resumed subscription skipped an invalid event');
        }
        if (msg.seq >= end || msg.info.pending === 0) break;
      }
    } finally {
      await consumer.delete().catch(() => undefined);
    }
    return last;
  }

  async close(): Promise<void> {
    const feeds = [...this.feeds.values()];
    this.feeds.clear();
    await Promise.all(feeds.map((feed) => feed.messages.then((messages) => messages?.close()).catch(() => undefined)));
  }
}
