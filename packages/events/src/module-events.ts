/**
 * A module's whole event machinery in one call: the bus connection, its own stream, the outbox
 * relay and its consumers. `stop()` shuts down in the safe order: consumers drain (in-flight
 * messages finish and are acked), the relay publishes what is committed, then the connection drains.
 */
import type { RawExecutor } from '@tessera/prisma';
import { connectEventBus, type EventBus, type EventLogger } from './bus.js';
import { startConsumer, type ConsumerDb, type ConsumerDefinition, type ConsumerOptions, type RunningConsumer } from './consumer.js';
import { DeadLetterSink } from './dead-letter-sink.js';
import { startOutboxRelay, type OutboxRelay, type OutboxRelayOptions } from './relay.js';

export interface ModuleEventsOptions<Tx extends RawExecutor> {
  module: string;
  db: ConsumerDb<Tx>;
  url: string;
  namespace?: string;
  /** Size limit of the module's stream (see EventBusOptions.streamMaxBytes). */
  streamMaxBytes?: number;
  logger: EventLogger;
  /** The module's consumers (none for a module that only publishes). */
  consumers?: ConsumerDefinition<Tx>[];
  /** Whether the module publishes (runs a relay for its outbox). */
  publishes?: boolean;
  /** Overrides for every consumer (tests shorten backoff). */
  consumerOptions?: Pick<ConsumerOptions<Tx>, 'maxDeliver' | 'backoffMs' | 'concurrency' | 'ackWaitSeconds'>;
  relayOptions?: Pick<OutboxRelayOptions, 'batchSize' | 'pollIntervalMs' | 'afterPublish'>;
}

export interface ModuleEvents {
  bus: EventBus;
  relay: OutboxRelay | null;
  consumers: RunningConsumer[];
  stop(): Promise<void>;
}

export async function startModuleEvents<Tx extends RawExecutor>(options: ModuleEventsOptions<Tx>): Promise<ModuleEvents> {
  const logger = options.logger;
  const bus = await connectEventBus({
    url: options.url,
    namespace: options.namespace,
    name: options.module,
    logger,
    streamMaxBytes: options.streamMaxBytes,
  });
  const publishes = options.publishes ?? true;
  if (publishes) await bus.ensureStream(options.module);
  const relay = publishes ? startOutboxRelay({ module: options.module, bus, logger, ...options.relayOptions }) : null;
  const consumers: RunningConsumer[] = [];
  const deadLetters = options.consumers?.length ? new DeadLetterSink(options.module) : null;
  try {
    for (const definition of options.consumers ?? []) {
      consumers.push(
        await startConsumer({
          module: options.module,
          bus,
          db: options.db,
          logger,
          definition,
          deadLetters: deadLetters!,
          ...options.consumerOptions,
        }),
      );
    }
  } catch (error) {
    await Promise.allSettled(consumers.map((consumer) => consumer.stop()));
    await relay?.stop();
    await deadLetters?.close();
    await bus.close();
    throw error;
  }
  logger.info({ stream: publishes ? options.module : null, consumers: consumers.map((c) => c.name) }, 'event backbone ready');
  return {
    bus,
    relay,
    consumers,
    async stop() {
      await Promise.allSettled(consumers.map((consumer) => consumer.stop()));
      if (relay) {
        await relay.idle(5000);
        await relay.stop();
      }
      await deadLetters?.close();
      await bus.close();
    },
  };
}
