import { z } from 'zod';
import { eventBusEnvSchema } from '@tessera/events';
import { baseEnvSchema } from '@tessera/service-kit';

/** POS's settings, parsed once at start; every problem is reported together. */
export const posEnvSchema = baseEnvSchema.extend(eventBusEnvSchema.shape).extend({
  POS_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  DB_POOL_MAX: z.coerce.number().int().positive().max(200).default(10),
});

export type PosEnv = z.infer<typeof posEnvSchema>;
