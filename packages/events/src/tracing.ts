/**
 * Trace context across the event bus. There is no maintained NATS instrumentation, so the backbone
 * makes its own three spans with the OpenTelemetry API (the SDK is set up by the process, see
 * @tessera/service-kit/tracing): `outbox.record <type>` (PRODUCER) where a change records its event,
 * whose context becomes the envelope's `traceparent`; `publish <type>` (PRODUCER) in the relay; and
 * `process <type>` (CONSUMER) around a consumer's transaction, a child of the envelope's context, so
 * events the handler records continue the same trace. Without a tracer provider these are no-ops and
 * the traceparent stays null.
 */
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import type { EventEnvelope } from './envelope.js';

export const tracer = trace.getTracer('@tessera/events');

/** The W3C traceparent of the active context, or null when there is none. */
export function currentTraceparent(active: Context = context.active()): string | null {
  const carrier: Record<string, string> = {};
  propagation.inject(active, carrier);
  return carrier.traceparent ?? null;
}

/** The context an envelope's traceparent names (a fresh root when it has none). Never inherits the caller's. */
export function contextOfEnvelope(envelope: Pick<EventEnvelope, 'traceparent'>): Context {
  return envelope.traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent: envelope.traceparent }) : ROOT_CONTEXT;
}

/** Attributes every event span carries. */
export function eventAttributes(envelope: Pick<EventEnvelope, 'id' | 'type' | 'tenantId' | 'subjectId'>): Record<string, string> {
  return {
    'messaging.system': 'nats',
    'messaging.message.id': envelope.id,
    'tessera.event.type': envelope.type,
    'tessera.tenant_id': envelope.tenantId,
    'tessera.subject_id': envelope.subjectId,
  };
}

/** Runs `work` in a span (ended, with its error recorded, however `work` ends). */
export async function inSpan<R>(
  name: string,
  kind: SpanKind,
  parent: Context,
  attributes: Record<string, string | number>,
  work: (span: Span) => Promise<R>,
): Promise<R> {
  return tracer.startActiveSpan(name, { kind, attributes }, parent, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

export { SpanKind };
