import { z } from 'zod';
import { baseEnvSchema } from '@tessera/service-kit';

/** Identity's settings, parsed once at start; every problem is reported together. */
export const identityEnvSchema = baseEnvSchema.extend({
  IDENTITY_PORT: z.coerce.number().int().min(0).max(65535).default(4001),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default('tessera-development-jwt-secret-change-me-now'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 3600),
});

export type IdentityEnv = z.infer<typeof identityEnvSchema>;
