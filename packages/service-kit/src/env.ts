import { z } from 'zod';
import { natsPasswordVariable } from '@tessera/events';

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
  /** Schema introspection: on by default in development, off in production (see refuseUnsafeProduction). */
  INTROSPECTION: z.enum(['true', 'false']).optional(),
  /** How long a drain (SIGTERM) may take before the process exits anyway. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(25_000),
});

/** Whether introspection is on: INTROSPECTION when set, else everywhere but production. */
export function introspectionEnabled(env: { NODE_ENV: string; INTROSPECTION?: 'true' | 'false' }): boolean {
  return env.INTROSPECTION ? env.INTROSPECTION === 'true' : env.NODE_ENV !== 'production';
}

/** What a service must not run with in production, by variable. */
export interface ProductionRules {
  /** Secrets that must be set to a value of the operator's own (not a development default). */
  secrets?: readonly string[];
  /** Database role passwords that must be set and not left at their role-name defaults. */
  passwords?: readonly string[];
  /** Whether CORS_ORIGINS applies (it must name origins, not `*`). */
  cors?: boolean;
  /** Whether INTROSPECTION applies (on only with ALLOW_PRODUCTION_INTROSPECTION=true). */
  introspection?: boolean;
  /**
   * The NATS users the process connects as (its modules, `router`): each needs its password
   * (NATS_PASSWORD_<USER>), or NATS_USER / NATS_TOKEN for all, unless ALLOW_UNAUTHENTICATED_NATS=true.
   */
  natsUsers?: readonly string[];
}

const DEVELOPMENT_VALUE = /change-?me|development|example/i;
const DEFAULT_PASSWORDS: Record<string, string> = {
  DB_OWNER_PASSWORD: 'tessera_owner',
  DB_APP_PASSWORD: 'tessera_app',
  DB_EVENTS_PASSWORD: 'tessera_events',
};

/**
 * The unsafe settings of a production process (NODE_ENV=production), each with what to set; empty
 * outside production. Development defaults are public (they are in this repository), so a
 * production service with one would accept forged tokens or contexts.
 */
export function unsafeProductionSettings(rules: ProductionRules, source: NodeJS.ProcessEnv = process.env): string[] {
  if (source.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  for (const name of rules.secrets ?? []) {
    const value = source[name];
    if (!value) problems.push(`${name}: not set; the development default is public. Set a random secret of 32+ characters.`);
    else if (DEVELOPMENT_VALUE.test(value))
      problems.push(`${name}: looks like a placeholder or development value. Set a random secret of 32+ characters.`);
  }
  for (const name of rules.passwords ?? []) {
    const value = source[name];
    if (!value || value === DEFAULT_PASSWORDS[name] || DEVELOPMENT_VALUE.test(value) || value.length < 12)
      problems.push(`${name}: set a password of 12+ characters of your own (the default is the role's name).`);
  }
  if (rules.cors && (source.CORS_ORIGINS ?? '*').split(',').some((origin) => origin.trim() === '*'))
    problems.push("CORS_ORIGINS: `*` lets any web page call the API with a user's token. List the origins, e.g. https://app.example.com.");
  if (rules.introspection && source.INTROSPECTION === 'true' && source.ALLOW_PRODUCTION_INTROSPECTION !== 'true')
    problems.push(
      'INTROSPECTION=true in production: set ALLOW_PRODUCTION_INTROSPECTION=true as well if you really mean it, or unset INTROSPECTION.',
    );
  const shared = Boolean(source.NATS_USER || source.NATS_TOKEN);
  if (!shared && source.ALLOW_UNAUTHENTICATED_NATS !== 'true') {
    for (const user of rules.natsUsers ?? []) {
      const variable = natsPasswordVariable(user);
      if (!source[variable])
        problems.push(
          `${variable}: not set; without it ${user} connects to NATS unauthenticated (anyone reaching NATS could read and forge events). Set it (the NATS server reads the same variable, see packages/events/nats/nats-server.conf), or ALLOW_UNAUTHENTICATED_NATS=true if you really mean it.`,
        );
    }
  }
  return problems;
}

/** Exits (through `onInvalid`) when the production settings are unsafe, listing every problem. */
export function refuseUnsafeProduction(
  rules: ProductionRules,
  source: NodeJS.ProcessEnv = process.env,
  onInvalid: (message: string) => never = exitWith,
): void {
  const problems = unsafeProductionSettings(rules, source);
  if (problems.length === 0) return;
  onInvalid(`Refusing to start with unsafe production settings (NODE_ENV=production):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}
