import { readFileSync } from 'node:fs';
import { defineModule, type ModuleDeps } from '@tessera/service-kit';
import { webhooksTenant, type TenantBound } from './context.js';
import { createWebhooksDb, type WebhooksDb, type WebhooksTx } from './db.js';
import { Dispatcher } from './delivery/dispatcher.js';
import { offeredCatalogue } from './domain/event-types.js';
import type { WebhooksEnv, WebhooksSettings } from './env.js';
import { webhooksEnv } from './env.js';
import { webhooksConsumers } from './events/consumers.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers/index.js';

export { createWebhooksDb, type WebhooksDb, type WebhooksTx } from './db.js';
export type { WebhooksContext } from './context.js';
export { Dispatcher } from './delivery/dispatcher.js';
export { signatureHeader } from './domain/signing.js';

const manifestUrl = new URL('../module.json', import.meta.url);
/** The streams it follows (`crm.*`, ...), from its manifest. */
const followed: string[] = (JSON.parse(readFileSync(manifestUrl, 'utf8')) as { events: { consumes: string[] } }).events.consumes;

const catalogue = offeredCatalogue(followed);

function settingsOf(env: WebhooksEnv): WebhooksSettings {
  return {
    masterKey: env.WEBHOOK_SECRET_KEY,
    production: env.NODE_ENV === 'production',
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    pollMs: env.WEBHOOK_POLL_MS,
    concurrency: env.WEBHOOK_CONCURRENCY,
    retryScale: env.WEBHOOK_RETRY_SCALE,
    offered: catalogue.map((entry) => entry.type),
    catalogue,
  };
}

/** One dispatcher per running module: its consumers wake it, the runtime starts and stops it. */
const dispatchers = new WeakMap<object, Dispatcher>();
function dispatcherOf(deps: ModuleDeps<WebhooksDb, WebhooksEnv>): Dispatcher {
  let dispatcher = dispatchers.get(deps.db);
  if (!dispatcher) {
    dispatcher = new Dispatcher({ db: deps.db, logger: deps.logger, settings: settingsOf(deps.env), now: deps.now });
    dispatchers.set(deps.db, dispatcher);
  }
  return dispatcher;
}

/**
 * Webhooks (issue 15): the tenant's events, POSTed to integrators' URLs, signed, retried with
 * backoff for 3 days, in order per subject, each attempt logged. It follows every business module's
 * stream and calls none of them.
 */
export default defineModule<WebhooksDb, WebhooksTx, TenantBound, undefined, WebhooksEnv>({
  manifest: manifestUrl,
  schema: new URL('../schema.graphql', import.meta.url),
  resolvers,
  permissions,
  db: createWebhooksDb,
  env: webhooksEnv,
  secrets: ['WEBHOOK_SECRET_KEY'],
  tenant: (deps) => webhooksTenant(settingsOf(deps.env))(deps),
  consumers: (deps) => webhooksConsumers({ consumes: followed, wake: () => dispatcherOf(deps).wake() }),
  workers: (deps) => [dispatcherOf(deps)],
});
