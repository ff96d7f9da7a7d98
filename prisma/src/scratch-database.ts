import { randomBytes } from 'node:crypto';
import { quoteIdent, withAdminClient } from './admin.js';
import { createOwnedDatabase, secureDatabase } from './bootstrap.js';
import { databasePrefix } from './config.js';

/**
 * Creates an empty throw-away database owned by tessera_owner and secured like a module database,
 * named `${DATABASE_PREFIX}__scratch_<random>`; the caller drops it with dropDatabase().
 */
export async function createScratchDatabase(): Promise<string> {
  const database = `${databasePrefix()}__scratch_${randomBytes(6).toString('hex')}`;
  await withAdminClient(async (admin) => {
    await createOwnedDatabase(admin, database);
    await secureDatabase(admin, database);
  });
  return database;
}

/** Drops a database if it exists, disconnecting whoever is still connected. */
export async function dropDatabase(database: string): Promise<void> {
  await withAdminClient((admin) => admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`));
}
