import { z } from 'zod';
import { baseEnvSchema } from '@tessera/service-kit';
import { eventBusEnvSchema } from '@tessera/events';

/** Invoicing's settings, parsed once at start; every problem is reported together. */
export const invoicingEnvSchema = baseEnvSchema.extend(eventBusEnvSchema.shape).extend({
  INVOICING_PORT: z.coerce.number().int().min(0).max(65535).default(4003),
  DB_POOL_MAX: z.coerce.number().int().positive().max(200).default(10),
});

export type InvoicingEnv = z.infer<typeof invoicingEnvSchema>;
