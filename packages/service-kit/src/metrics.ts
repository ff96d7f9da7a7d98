/**
 * Prometheus metrics (prom-client, the maintained Prometheus client for Node): one registry per
 * process, served at `/metrics` by every Tessera service. Several modules may share a process (the
 * compact topology, the e2e platform), so every metric carries the service or module as a label and
 * is created once per process, whoever asks first.
 *
 * Label values that come from clients (operation names) are bounded: names that are not plain
 * GraphQL names, and names beyond the first MAX_OPERATION_NAMES seen, are counted as `other`.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type MetricConfiguration } from 'prom-client';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

export const metricsRegistry = new Registry();
let defaultsCollected = false;

/** Process metrics (CPU, memory, event-loop lag, GC), registered once per process. */
export function collectProcessMetrics(): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  collectDefaultMetrics({ register: metricsRegistry });
}

type MetricClass<M> = new (config: any) => M;

function metric<M>(Kind: MetricClass<M>, config: MetricConfiguration<string> & Record<string, unknown>): M {
  const existing = metricsRegistry.getSingleMetric(config.name);
  if (existing) return existing as M;
  return new Kind({ ...config, registers: [metricsRegistry] });
}

/** A counter, created on first use and shared by every caller in the process. */
export function counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
  return metric(Counter<L>, { name, help, labelNames: [...labelNames] });
}

/** A gauge; `collect` (if given) refreshes it at each scrape. */
export function gauge<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
  collect?: (this: Gauge<L>) => void | Promise<void>,
): Gauge<L> {
  return metric(Gauge<L>, { name, help, labelNames: [...labelNames], ...(collect ? { collect } : {}) });
}

/** Latency buckets in seconds, from 1 ms to 10 s. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function histogram<L extends string>(name: string, help: string, labelNames: readonly L[]): Histogram<L> {
  return metric(Histogram<L>, { name, help, labelNames: [...labelNames], buckets: LATENCY_BUCKETS });
}

/**
 * Something that collects values at scrape time from live objects (pools, consumers, relays): its
 * collectors run, in registration order, before each scrape. Returns the function that unregisters it.
 */
const scrapeHooks = new Set<() => Promise<void> | void>();
export function onScrape(hook: () => Promise<void> | void): () => void {
  scrapeHooks.add(hook);
  return () => scrapeHooks.delete(hook);
}

/** The Prometheus text exposition of every metric of the process. */
export async function scrapeMetrics(): Promise<{ contentType: string; body: string }> {
  await Promise.allSettled([...scrapeHooks].map((hook) => hook()));
  return { contentType: metricsRegistry.contentType, body: await metricsRegistry.metrics() };
}

const MAX_OPERATION_NAMES = 500;
const GRAPHQL_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const seenOperationNames = new Set<string>();

/** The operation label for a client-chosen operation name, bounded in cardinality. */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (!GRAPHQL_NAME.test(name)) return 'other';
  if (seenOperationNames.has(name)) return name;
  if (seenOperationNames.size >= MAX_OPERATION_NAMES) return 'other';
  seenOperationNames.add(name);
  return name;
}

/**
 * Per-operation request metrics for an Apollo Server: latency and count by operation and type, and
 * errors by code.
 */
export function graphqlMetricsPlugin<T extends BaseContext>(service: string): ApolloServerPlugin<T> {
  const duration = histogram('tessera_graphql_request_duration_seconds', 'GraphQL requests by service, operation and type', [
    'service',
    'operation',
    'type',
  ]);
  const errors = counter('tessera_graphql_errors_total', 'GraphQL errors returned, by service and code', ['service', 'code']);
  return {
    async requestDidStart() {
      const started = performance.now();
      let operation = 'unknown';
      let type = 'unknown';
      return {
        async didResolveOperation({ operationName, operation: node }) {
          // The router's query planner names a subgraph's part of `Foo` `Foo__<subgraph>__<n>`.
          operation = operationLabel(operationName?.replace(/__[a-z0-9_]+__\d+$/, ''));
          type = node?.operation ?? 'unknown';
        },
        async didEncounterErrors({ errors: list }) {
          for (const error of list) {
            const code = error.extensions?.code;
            errors.inc({ service, code: typeof code === 'string' && GRAPHQL_NAME.test(code) ? code : 'INTERNAL_SERVER_ERROR' });
          }
        },
        async willSendResponse() {
          duration.observe({ service, operation, type }, (performance.now() - started) / 1000);
        },
      };
    },
  };
}
