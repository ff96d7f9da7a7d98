import { z } from 'zod';
import { baseEnvSchema } from '@tessera/service-kit';
import { eventBusEnvSchema } from '@tessera/events';

/** CRM's settings, parsed once at start; every problem is reported together. */
export const crmEnvSchema = baseEnvSchema.extend(eventBusEnvSchema.shape).extend({
  CRM_PORT: z.coerce.number().int().min(0).max(65535).default(4002),
});

export type CrmEnv = z.infer<typeof crmEnvSchema>;
