import { z } from 'zod';
import type { OfferedEventType } from './domain/event-types.js';

/** Webhooks's own settings. */
export const webhooksEnv = z.object({
  /** Seals the endpoints' signing secrets at rest (AES-256-GCM); production must set its own. */
  WEBHOOK_SECRET_KEY: z.string().min(32, 'must be at least 32 characters').default('tessera-development-webhook-key-change-me'),
  /** How long one attempt may take, connection to last byte (ms). */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** How often the dispatcher looks for due deliveries when nothing woke it (ms). */
  WEBHOOK_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  /** Scales the retry delays (tests and drills shorten them; 1 in production). */
  WEBHOOK_RETRY_SCALE: z.coerce.number().min(0.0001).max(1).default(1),
  /** Attempts in flight at once in this process. */
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(8),
});

export type WebhooksEnv = z.infer<typeof webhooksEnv> & { NODE_ENV: string };

/** What the services take from the settings. */
export interface WebhooksSettings {
  masterKey: string;
  production: boolean;
  timeoutMs: number;
  pollMs: number;
  concurrency: number;
  /** Multiplies every retry delay (1: the documented schedule). */
  retryScale: number;
  /** The event types endpoints may ask for, with their catalogue entries. */
  offered: readonly string[];
  catalogue: readonly OfferedEventType[];
}
