/** @tessera/events: Tessera's event contracts and its outbox -> JetStream -> inbox backbone. */
export * from './contracts.js';
export * from './envelope.js';
export * from './outbox.js';
export * from './bus.js';
export * from './relay.js';
export * from './consumer.js';
export * from './module-events.js';
export * from './dead-letters.js';
export * from './dead-letter-sink.js';
export * from './tracing.js';
export * from './monitor.js';
export * from './catalogue.js';
