import { z } from 'zod';

/**
 * Parses the process environment once, at start, against a zod schema. Every problem is reported
 * together (not just the first), then the process exits: a service never runs half-configured.
 */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  source: NodeJS.ProcessEnv = process.env,
  onInvalid: (message: string) => never = exitWith,
): z.infer<S> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  - ${issue.path.join('.') || '(env)'}: ${issue.message}`);
  return onInvalid(`Invalid environment:\n${lines.join('\n')}`);
}

function exitWith(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** Settings every service shares: where it listens, how it logs, the secret of the internal context. */
export const baseEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  INTERNAL_CONTEXT_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters (shared by the router and every subgraph)')
    .default('tessera-development-internal-context-secret-change-me'),
});
