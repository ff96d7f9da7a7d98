// `node packages/host/dist/main.js`: runs TESSERA_MODULES (default all: every module and the router in
// one process) until SIGTERM/SIGINT, then drains. Tracing is set up before anything it instruments
// is loaded, hence the dynamic imports.
import { startTracing } from '@tessera/service-kit/tracing';

await startTracing({ service: process.env.OTEL_SERVICE_NAME ?? `tessera-${(process.env.TESSERA_MODULES ?? 'all').replace(/,/g, '+')}` });
const { onShutdown, createLogger, shutdownTimeoutMs } = await import('@tessera/service-kit');
const { startHost } = await import('./host.js');

const logger = createLogger('tessera', process.env.LOG_LEVEL ?? 'info');
const host = await startHost({ logger });
logger.info({ modules: Object.keys(host.modules), router: host.router?.url ?? null }, 'tessera host ready');
onShutdown(logger, host.stop, { timeoutMs: shutdownTimeoutMs() });
