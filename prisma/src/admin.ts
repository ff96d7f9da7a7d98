import pg from 'pg';
import { adminConfig } from './config.js';

/** Quotes a PostgreSQL identifier (database, role, table names). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quotes a PostgreSQL string literal (passwords in CREATE ROLE, which takes no bind parameters). */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Runs `work` on a fresh admin (superuser) connection to `database` (default: DATABASE_URL's), then closes it. */
export async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>, database?: string): Promise<T> {
  const config = adminConfig();
  const client = new pg.Client({ ...config, database: database ?? config.database });
  client.on('error', () => undefined); // a dropped idle connection surfaces on the next query instead
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Runs `work` while holding a session advisory lock named `key` on the admin connection, so parallel
 * processes (test workers, several `migrate` runs) bootstrap one at a time.
 */
export async function withAdminLock<T>(client: pg.Client, key: string, work: () => Promise<T>): Promise<T> {
  await client.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
  try {
    return await work();
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [key]).catch(() => undefined);
  }
}

/** True when `error` is a PostgreSQL error with one of the given SQLSTATE codes. */
export function hasSqlState(error: unknown, ...codes: string[]): boolean {
  return typeof error === 'object' && error !== null && codes.includes(String((error as { code?: unknown }).code));
}
