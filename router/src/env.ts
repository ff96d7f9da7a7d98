import { z } from 'zod';
import { baseEnvSchema, parseEnv } from '@tessera/service-kit';
import { eventBusEnvSchema } from '@tessera/events';

/** The router's settings; SUBGRAPH_<NAME>_URL variables override schema/supergraph.yaml's URLs. */
export const routerEnvSchema = baseEnvSchema.extend(eventBusEnvSchema.shape).extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default('tessera-development-jwt-secret-change-me-now'),
  CORS_ORIGINS: z
    .string()
    .default('*')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
  INTROSPECTION: z.enum(['true', 'false']).optional(),
  /** Payloads waiting for one subscriber before it is disconnected as too slow. */
  SUBSCRIPTION_MAX_PENDING: z.coerce.number().int().positive().default(100),
});

export type RouterEnv = z.infer<typeof routerEnvSchema>;

export const loadRouterEnv = (): RouterEnv => parseEnv(routerEnvSchema);
