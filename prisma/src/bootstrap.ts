import pg from 'pg';
import { hasSqlState, quoteIdent, quoteLiteral, withAdminClient, withAdminLock } from './admin.js';
import { appPassword, eventsPassword, moduleDatabaseName, ownerConfigFor, ownerPassword, ROLES } from './config.js';

/** Advisory lock key serialising every bootstrap step across processes. */
const BOOTSTRAP_LOCK = 'tessera:bootstrap';
/** SQLSTATEs of "already exists" races: duplicate_object, duplicate_database, unique_violation. */
const ALREADY_EXISTS = ['42710', '42P04', '23505'];

/** Role name -> attributes (and password) it must have. */
function roleDefinitions(): [string, string][] {
  return [
    [ROLES.owner, `LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE INHERIT PASSWORD ${quoteLiteral(ownerPassword())}`],
    [ROLES.app, `LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD ${quoteLiteral(appPassword())}`],
    [ROLES.login, 'NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE'],
    [ROLES.events, `LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD ${quoteLiteral(eventsPassword())}`],
  ];
}

/** Creates or updates the cluster roles tessera_owner, tessera_app, tessera_login and tessera_events (idempotent). */
export async function ensureRoles(): Promise<void> {
  await withAdminClient((client) =>
    withAdminLock(client, BOOTSTRAP_LOCK, async () => {
      for (const [role, attributes] of roleDefinitions()) {
        try {
          await client.query(`CREATE ROLE ${quoteIdent(role)} WITH ${attributes}`);
        } catch (error) {
          if (!hasSqlState(error, ...ALREADY_EXISTS)) throw error;
          await client.query(`ALTER ROLE ${quoteIdent(role)} WITH ${attributes}`);
        }
      }
      await client.query(`GRANT ${quoteIdent(ROLES.login)} TO ${quoteIdent(ROLES.owner)}`);
    }),
  );
}

/**
 * Locks a database down the Tessera way (run as admin): only tessera_app and tessera_events may
 * connect besides the owner, nobody but the owner creates in schema public.
 */
export async function secureDatabase(admin: pg.Client, database: string): Promise<void> {
  const db = quoteIdent(database);
  await admin.query(`REVOKE ALL ON DATABASE ${db} FROM PUBLIC`);
  await admin.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${db} TO ${quoteIdent(ROLES.app)}`);
  await admin.query(`GRANT CONNECT ON DATABASE ${db} TO ${quoteIdent(ROLES.events)}`);
  await withAdminClient(async (inside) => {
    await inside.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    await inside.query(`ALTER SCHEMA public OWNER TO ${quoteIdent(ROLES.owner)}`);
    await inside.query(`GRANT USAGE ON SCHEMA public TO ${quoteIdent(ROLES.app)}, ${quoteIdent(ROLES.events)}`);
  }, database);
}

/** Creates a database owned by tessera_owner unless it exists (then makes sure of its owner). */
export async function createOwnedDatabase(admin: pg.Client, database: string): Promise<void> {
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (exists.rowCount) {
    await admin.query(`ALTER DATABASE ${quoteIdent(database)} OWNER TO ${quoteIdent(ROLES.owner)}`);
    return;
  }
  try {
    await admin.query(`CREATE DATABASE ${quoteIdent(database)} OWNER ${quoteIdent(ROLES.owner)}`);
  } catch (error) {
    if (!hasSqlState(error, ...ALREADY_EXISTS)) throw error;
  }
}

/** Creates (if missing) and secures a module's database; returns its name. Needs ensureRoles() first. */
export async function ensureModuleDatabase(module: string): Promise<string> {
  const database = moduleDatabaseName(module);
  await withAdminClient((admin) =>
    withAdminLock(admin, BOOTSTRAP_LOCK, async () => {
      await createOwnedDatabase(admin, database);
      await secureDatabase(admin, database);
    }),
  );
  return database;
}

/**
 * The router's own database (`${DATABASE_PREFIX}_router`): rate-limit counters and idempotent responses
 * that every router instance shares. Created and secured like a module's; its tables come from
 * router/sql/store.sql (idempotent), owned by tessera_owner, used by tessera_app. No tenant rows live
 * here that a module reads: keys name the caller, and only the router reads them.
 */
export async function ensureRouterStore(sql: string): Promise<string> {
  const database = moduleDatabaseName('router');
  await withAdminClient((admin) =>
    withAdminLock(admin, BOOTSTRAP_LOCK, async () => {
      await createOwnedDatabase(admin, database);
      await secureDatabase(admin, database);
    }),
  );
  const owner = new pg.Client(ownerConfigFor(database));
  await owner.connect();
  try {
    await owner.query(sql);
    // Every table of the store (store.sql creates them all in public) is the router's to read and write.
    await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${quoteIdent(ROLES.app)}`);
  } finally {
    await owner.end();
  }
  return database;
}
