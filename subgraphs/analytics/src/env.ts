import { z } from 'zod';
import { eventBusEnvSchema } from '@tessera/events';
import { baseEnvSchema } from '@tessera/service-kit';

/** Analytics' settings, parsed once at start (the service and the rebuild command); every problem is reported together. */
export const analyticsEnvSchema = baseEnvSchema.extend(eventBusEnvSchema.shape).extend({
  ANALYTICS_PORT: z.coerce.number().int().min(0).max(65535).default(4006),
  DB_POOL_MAX: z.coerce.number().int().positive().max(200).default(10),
});

export type AnalyticsEnv = z.infer<typeof analyticsEnvSchema>;
