import { trace } from '@opentelemetry/api';

/** Adds attributes (tenant, request id) to the span of the current request, if one is recording. */
export function annotateActiveSpan(attributes: Record<string, string | number | boolean | null | undefined>): void {
  const span = trace.getActiveSpan();
  if (!span?.isRecording()) return;
  for (const [key, value] of Object.entries(attributes)) if (value !== null && value !== undefined) span.setAttribute(key, value);
}
