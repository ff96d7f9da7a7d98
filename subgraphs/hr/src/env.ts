import { z } from 'zod';
import { baseEnvSchema } from '@tessera/service-kit';
import { eventBusEnvSchema } from '@tessera/events';

/** HR's settings, parsed once at start; every problem is reported together. */
export const hrEnvSchema = baseEnvSchema.extend(eventBusEnvSchema.shape).extend({
  HR_PORT: z.coerce.number().int().min(0).max(65535).default(4004),
});

export type HrEnv = z.infer<typeof hrEnvSchema>;
