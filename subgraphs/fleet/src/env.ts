import { z } from 'zod';
import { eventBusEnvSchema } from '@tessera/events';
import { baseEnvSchema } from '@tessera/service-kit';

/** Fleet's settings, parsed once at start; every problem is reported together. */
export const fleetEnvSchema = baseEnvSchema.extend(eventBusEnvSchema.shape).extend({
  FLEET_PORT: z.coerce.number().int().min(0).max(65535).default(4011),
  DB_POOL_MAX: z.coerce.number().int().positive().max(200).default(10),
});

export type FleetEnv = z.infer<typeof fleetEnvSchema>;
