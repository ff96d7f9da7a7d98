/**
 * Where Tessera's databases live and who connects to them, read from the environment on every call
 * (so tests can switch prefixes): DATABASE_URL (an admin URL of the server), DATABASE_PREFIX,
 * DB_OWNER_PASSWORD and DB_APP_PASSWORD.
 */

import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';

/** A node-postgres connection config (what `pg` and `@prisma/adapter-pg` take). */
export interface PgConfig {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
  /** TLS to the server (see `sslConfig`); absent for a plain connection. */
  ssl?: ConnectionOptions;
}

/** libpq's sslmode values Tessera supports. */
export const SSL_MODES = ['disable', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

/**
 * TLS for every connection to the server, libpq style: DATABASE_SSLMODE (or `sslmode` in
 * DATABASE_URL) is `disable` (default), `require` (encrypted, server not verified), `verify-ca`
 * (certificate signed by DATABASE_SSL_CA_FILE) or `verify-full` (that, and the host name matches);
 * DATABASE_SSL_CERT_FILE / DATABASE_SSL_KEY_FILE add a client certificate.
 */
export function sslConfig(env: NodeJS.ProcessEnv = process.env): ConnectionOptions | undefined {
  let fromUrl: string | null = null;
  try {
    fromUrl = new URL(env.DATABASE_URL || DEFAULT_DATABASE_URL).searchParams.get('sslmode');
  } catch {
    // adminConfig reports an invalid URL
  }
  const mode = (env.DATABASE_SSLMODE || fromUrl || 'disable') as SslMode;
  if (!SSL_MODES.includes(mode)) throw new Error(`DATABASE_SSLMODE must be one of ${SSL_MODES.join(', ')} (got ${mode})`);
  if (mode === 'disable') return undefined;
  const read = (variable: string) => (env[variable] ? readFileSync(env[variable] as string, 'utf8') : undefined);
  const ca = read('DATABASE_SSL_CA_FILE');
  if ((mode === 'verify-ca' || mode === 'verify-full') && !ca) throw new Error(`DATABASE_SSLMODE=${mode} needs DATABASE_SSL_CA_FILE`);
  const clientCertificate = { cert: read('DATABASE_SSL_CERT_FILE'), key: read('DATABASE_SSL_KEY_FILE') };
  if (mode === 'require') return { rejectUnauthorized: false, ...clientCertificate };
  return {
    ca,
    rejectUnauthorized: true,
    ...clientCertificate,
    // verify-ca: the chain is checked, the name is not.
    ...(mode === 'verify-ca' ? { checkServerIdentity: () => undefined } : {}),
  };
}

/** `config` with the server's TLS settings. */
function withSsl(config: PgConfig): PgConfig {
  const ssl = sslConfig();
  return ssl ? { ...config, ssl } : config;
}

/** The cluster roles every module database relies on. */
export const ROLES = {
  /** Owns every module database and object; migrations run as this role. */
  owner: 'tessera_owner',
  /** What services connect as: no ownership, row-level security applies. */
  app: 'tessera_app',
  /** Owns identity's SECURITY DEFINER login lookup function; cannot log in. */
  login: 'tessera_login',
  /**
   * The event backbone's own login: the outbox relay and the dead-letter records, the only work that
   * crosses tenants, and only on the outbox and dead-letter tables (its policies allow nothing else).
   */
  events: 'tessera_events',
} as const;

const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
const IDENTIFIER = /^[a-z][a-z0-9_]*$/;

/** Fails unless `name` is a lowercase identifier usable unquoted in a database name. */
export function assertIdentifier(kind: string, name: string): void {
  if (!IDENTIFIER.test(name)) {
    throw new Error(`${kind} "${name}" must be lowercase letters, digits and underscores, starting with a letter`);
  }
}

/** The prefix of every module database name (`DATABASE_PREFIX`, default `tessera`). */
export function databasePrefix(): string {
  const prefix = process.env.DATABASE_PREFIX || 'tessera';
  assertIdentifier('DATABASE_PREFIX', prefix);
  return prefix;
}

/** The admin (superuser) connection from `DATABASE_URL`. */
export function adminConfig(): PgConfig {
  const raw = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('DATABASE_URL is not a valid postgresql:// URL');
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new Error(`DATABASE_URL must start with postgresql:// (got ${url.protocol}//)`);
  }
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  return withSsl({
    host: url.searchParams.get('host') || url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1',
    port: Number(url.port || url.searchParams.get('port') || 5432),
    user: decodeURIComponent(url.username) || 'postgres',
    ...(password === undefined ? {} : { password }),
    database: decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres',
  });
}

/** The database name of a module: `${DATABASE_PREFIX}_${module}`. */
export function moduleDatabaseName(module: string): string {
  assertIdentifier('Module name', module);
  const name = `${databasePrefix()}_${module}`;
  if (name.length > 63) throw new Error(`Database name ${name} is longer than PostgreSQL's 63 characters`);
  return name;
}

/** Password of the owner role (`DB_OWNER_PASSWORD`, default `tessera_owner`). */
export function ownerPassword(): string {
  return process.env.DB_OWNER_PASSWORD || 'tessera_owner';
}

/** Password of the app role (`DB_APP_PASSWORD`, default `tessera_app`). */
export function appPassword(): string {
  return process.env.DB_APP_PASSWORD || 'tessera_app';
}

/** Password of the events role (`DB_EVENTS_PASSWORD`, default `tessera_events`). */
export function eventsPassword(): string {
  return process.env.DB_EVENTS_PASSWORD || 'tessera_events';
}

/** Connection as `tessera_events` (outbox relay, dead letters) to a module's database. */
export function eventsConfig(module: string): PgConfig {
  const { host, port, ssl } = adminConfig();
  return { host, port, ssl, user: ROLES.events, password: eventsPassword(), database: moduleDatabaseName(module) };
}

/** Connection as `tessera_owner` to any database of the server (migrations, scratch databases). */
export function ownerConfigFor(database: string): PgConfig {
  const { host, port, ssl } = adminConfig();
  return { host, port, ssl, user: ROLES.owner, password: ownerPassword(), database };
}

/** Connection as `tessera_owner` (the migrations' role) to a module's database. */
export function ownerConfig(module: string): PgConfig {
  return ownerConfigFor(moduleDatabaseName(module));
}

/** Connection as `tessera_app` (what services use; row-level security applies) to a module's database. */
export function appConfig(module: string): PgConfig {
  const { host, port, ssl } = adminConfig();
  return { host, port, ssl, user: ROLES.app, password: appPassword(), database: moduleDatabaseName(module) };
}

/** `appConfig(module)` as a postgresql:// URL, for tools that only take URLs. */
export function appConnectionString(module: string): string {
  const { host, port, user, password, database } = appConfig(module);
  const hostPart = host.startsWith('/') ? `localhost:${port}` : `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const url = `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password ?? '')}@${hostPart}/${encodeURIComponent(database)}`;
  return host.startsWith('/') ? `${url}?host=${encodeURIComponent(host)}` : url;
}
