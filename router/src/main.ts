// The router as a service. Tracing is set up before anything that it instruments is loaded, hence
// the dynamic imports.
import { startTracing } from '@tessera/service-kit/tracing';

await startTracing({ service: 'router' });
const { readFileSync } = await import('node:fs');
const { createLogger, introspectionEnabled, onShutdown, parseEnv, refuseUnsafeProduction } = await import('@tessera/service-kit');
const { routerEnvSchema } = await import('./env.js');
const { createRouter } = await import('./router.js');
const { readSupergraphConfig, subgraphUrl } = await import('./supergraph-config.js');

const env = parseEnv(routerEnvSchema);
refuseUnsafeProduction({ secrets: ['JWT_SECRET', 'INTERNAL_CONTEXT_SECRET'], cors: true, introspection: true });
const logger = createLogger('router', env.LOG_LEVEL);
const router = createRouter({
  supergraphSdl: readFileSync(env.SUPERGRAPH_PATH, 'utf8'),
  supergraphPath: env.SUPERGRAPH_PATH,
  subgraphUrls: Object.fromEntries(readSupergraphConfig().map((entry) => [entry.name, subgraphUrl(entry)])),
  jwtSecret: env.JWT_SECRET,
  internalSecret: env.INTERNAL_CONTEXT_SECRET,
  logger,
  introspection: introspectionEnabled(env),
  corsOrigins: env.CORS_ORIGINS,
  // Live subscriptions follow the event streams.
  events: { url: env.NATS_URL, namespace: env.EVENTS_NAMESPACE },
  maxPendingPerSubscriber: env.SUBSCRIPTION_MAX_PENDING,
  ideUrl: env.TESSERA_IDE_URL,
});
const running = await router.listen(env.PORT, env.HOST);
onShutdown(logger, running.stop, { timeoutMs: env.SHUTDOWN_TIMEOUT_MS });
