/**
 * OpenTelemetry tracing for a Tessera process, set up once and first (before HTTP, pg or graphql
 * load: `await startTracing(...)` at the top of a main, then import the rest dynamically).
 *
 * - Export is configured by the standard variables and is OFF when they are unset: OTLP over HTTP
 *   when OTEL_TRACES_EXPORTER=otlp or OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT is set, spans on stdout
 *   with OTEL_TRACES_EXPORTER=console, nothing with `none` or OTEL_SDK_DISABLED=true. The exporter
 *   package is loaded only when configured; resource detection reads the environment, host and
 *   process only (no cloud detectors: they probe metadata addresses).
 * - When something records spans (an exporter, or a test's in-memory processor) the maintained
 *   instrumentations run: HTTP server and client (the router's subgraph fetches), undici (fetch),
 *   pg (every SQL statement under its request; none for background polling) and GraphQL (CommonJS
 *   build, which Apollo executes on). The sampler is the SDK's, from OTEL_TRACES_SAMPLER.
 * - When nothing records, the provider still runs with sampling off and no instrumentation, at no
 *   cost on the hot path: the event spans (outbox, relay, consumers; see @tessera/events) still get
 *   trace ids, so the envelope's `traceparent` ties every event to its cause.
 */
import { createRequire } from 'node:module';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import {
  AlwaysOffSampler,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  SimpleSpanProcessor,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { detectResources, envDetector, hostDetector, processDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';

export interface TracingOptions {
  /** service.name of the spans (OTEL_SERVICE_NAME wins). */
  service: string;
  /** Extra span processors (tests: an in-memory exporter). */
  spanProcessors?: SpanProcessor[];
}

export interface Tracing {
  /** Whether spans are recorded and exported (an exporter or a processor is configured). */
  readonly recording: boolean;
  /** Flushes pending spans (tests read an in-memory exporter after this). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/** Which exporter the standard variables ask for, or null for none. */
export function configuredTraceExporter(env: NodeJS.ProcessEnv = process.env): 'otlp' | 'console' | null {
  if (env.OTEL_SDK_DISABLED === 'true') return null;
  const kinds = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((kind) => kind.trim())
    .filter(Boolean);
  if (kinds.includes('none')) return null;
  if (kinds.includes('otlp')) return 'otlp';
  if (kinds.includes('console')) return 'console';
  return env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ? 'otlp' : null;
}

const KEY = Symbol.for('tessera.tracing');
type Holder = { [KEY]?: Promise<Tracing> };

/**
 * Sets up tracing for the process, once (later calls get the first setup, whoever makes them: a
 * test may load two copies of this module).
 */
export function startTracing(options: TracingOptions): Promise<Tracing> {
  const holder = globalThis as Holder;
  holder[KEY] ??= setUp(options);
  return holder[KEY];
}

async function setUp(options: TracingOptions): Promise<Tracing> {
  const processors = [...(options.spanProcessors ?? [])];
  const exporter = configuredTraceExporter();
  if (exporter === 'otlp') {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    processors.push(new BatchSpanProcessor(new OTLPTraceExporter()));
  } else if (exporter === 'console') {
    processors.push(new SimpleSpanProcessor(new ConsoleSpanExporter()));
  }
  const recording = processors.length > 0;
  const resource = resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.service }).merge(
    detectResources({ detectors: [envDetector, hostDetector, processDetector] }),
  );
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: processors,
    ...(recording ? {} : { sampler: new AlwaysOffSampler() }),
  });
  // W3C trace context and baggage propagation, AsyncLocalStorage context.
  provider.register();
  if (recording) {
    registerInstrumentations({
      instrumentations: [
        new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => /^\/(health|ready|metrics)\b/.test(req.url ?? '') }),
        new UndiciInstrumentation(),
        new PgInstrumentation({ requireParentSpan: true }),
        new GraphQLInstrumentation({ mergeItems: true, ignoreTrivialResolveSpans: true }),
      ],
    });
    // Without an ESM loader hook, core `http` is patched on its next require(): do it now, so servers
    // created through ESM `import { createServer } from 'node:http'` get their spans too.
    const require = createRequire(import.meta.url);
    require('node:http');
    require('node:https');
  }
  return {
    recording,
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}

/** For tests: the SDK's in-memory exporter and simple processor, of the SDK version this module sets up. */
export { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
export type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
