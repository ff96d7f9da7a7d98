import { z } from 'zod';

/** Identity's own settings (beyond every module's): how it signs access tokens. */
export const identityEnv = z.object({
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default('tessera-development-jwt-secret-change-me-now'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(15 * 60),
  /** How long a dashboard refresh token stays usable; each refresh issues a new one (sliding). */
  REFRESH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(30 * 24 * 3600),
});

export type IdentityEnv = z.infer<typeof identityEnv>;
