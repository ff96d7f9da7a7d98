import { z } from 'zod';
import { eventBusEnvSchema } from '@tessera/events';
import { baseEnvSchema } from '@tessera/service-kit';

/** Commerce's settings, parsed once at start; every problem is reported together. */
export const commerceEnvSchema = baseEnvSchema.extend(eventBusEnvSchema.shape).extend({
  COMMERCE_PORT: z.coerce.number().int().min(0).max(65535).default(4009),
  DB_POOL_MAX: z.coerce.number().int().positive().max(200).default(10),
});

export type CommerceEnv = z.infer<typeof commerceEnvSchema>;
