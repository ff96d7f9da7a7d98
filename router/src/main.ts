import { readFileSync } from 'node:fs';
import { createLogger, onShutdown } from '@tessera/service-kit';
import { loadRouterEnv } from './env.js';
import { createRouter } from './router.js';
import { readSupergraphConfig, subgraphUrl, SUPERGRAPH_PATH } from './supergraph-config.js';

const env = loadRouterEnv();
const logger = createLogger('router', env.LOG_LEVEL);
const router = createRouter({
  supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
  subgraphUrls: Object.fromEntries(readSupergraphConfig().map((entry) => [entry.name, subgraphUrl(entry)])),
  jwtSecret: env.JWT_SECRET,
  internalSecret: env.INTERNAL_CONTEXT_SECRET,
  logger,
  introspection: env.INTROSPECTION ? env.INTROSPECTION === 'true' : env.NODE_ENV !== 'production',
  corsOrigins: env.CORS_ORIGINS,
  // Live subscriptions follow the event streams.
  events: { url: env.NATS_URL, namespace: env.EVENTS_NAMESPACE },
  maxPendingPerSubscriber: env.SUBSCRIPTION_MAX_PENDING,
});
const running = await router.listen(env.PORT, env.HOST);
onShutdown(logger, running.stop);
