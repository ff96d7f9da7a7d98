/**
 * Tenant isolation as the PostgreSQL catalog shows it, for every module database (prefix from
 * DATABASE_PREFIX, tessera_test by default, migrated here if the global setup has not): every table
 * with a tenant_id column (and identity's tenants) has row-level security enabled AND forced and at
 * least one policy; the services' role tessera_app is no superuser, cannot bypass RLS, owns nothing
 * and carries no default tenant that would leak into every session.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withAdminClient } from '../src/admin.js';
import { ensureModuleDatabase, ensureRoles } from '../src/bootstrap.js';
import { adminConfig, moduleDatabaseName, ROLES } from '../src/config.js';
import { applyMigrations } from '../src/engine.js';
import { listModules } from '../src/modules.js';

vi.stubEnv('DATABASE_PREFIX', process.env.DATABASE_PREFIX || 'tessera_test');
const modules = await listModules();

async function query<R extends pg.QueryResultRow>(database: string, sql: string, values: unknown[] = []): Promise<R[]> {
  return withAdminClient(async (client) => (await client.query<R>(sql, values)).rows, database);
}

beforeAll(async () => {
  await ensureRoles();
  for (const module of modules) {
    await ensureModuleDatabase(module);
    await applyMigrations(module);
  }
});

afterAll(() => {
  vi.unstubAllEnvs();
});

describe.each(modules)('module %s', (module) => {
  it('every tenant table has row-level security enabled, forced and a policy', async () => {
    const tables = await query<{ table: string; enabled: boolean; forced: boolean; policies: number }>(
      moduleDatabaseName(module),
      `SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
              (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
          AND (EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
               OR ($1 = 'identity' AND c.relname = 'tenants'))
        ORDER BY 1`,
      [module],
    );
    if (module === 'identity') expect(tables.map((t) => t.table)).toEqual(expect.arrayContaining(['tenants', 'users']));
    for (const table of tables) {
      expect(table, `${module}.${table.table}`).toMatchObject({ enabled: true, forced: true });
      expect(table.policies, `${module}.${table.table} policies`).toBeGreaterThan(0);
    }
  });

  it('tessera_app owns no relation, function, type or schema', async () => {
    const [owned] = await query<{ relations: number; functions: number; types: number; schemas: number }>(
      moduleDatabaseName(module),
      `SELECT (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) AS relations,
              (SELECT count(*)::int FROM pg_proc WHERE proowner = r.oid) AS functions,
              (SELECT count(*)::int FROM pg_type WHERE typowner = r.oid) AS types,
              (SELECT count(*)::int FROM pg_namespace WHERE nspowner = r.oid) AS schemas
         FROM pg_roles r WHERE r.rolname = $1`,
      [ROLES.app],
    );
    expect(owned).toEqual({ relations: 0, functions: 0, types: 0, schemas: 0 });
  });
});

describe('the tessera_app role', () => {
  it('is a plain login role: no superuser, no RLS bypass, no inherited or granted roles', async () => {
    const [role] = await query(
      adminConfig().database,
      `SELECT rolsuper, rolbypassrls, rolcreatedb, rolcreaterole, rolinherit, rolcanlogin,
              (SELECT count(*)::int FROM pg_auth_members m WHERE m.member = r.oid) AS memberships
         FROM pg_roles r WHERE rolname = $1`,
      [ROLES.app],
    );
    expect(role).toEqual({
      rolsuper: false,
      rolbypassrls: false,
      rolcreatedb: false,
      rolcreaterole: false,
      rolinherit: false,
      rolcanlogin: true,
      memberships: 0,
    });
  });

  it('has no session-level tessera.tenant_id default (role, database or role-in-database)', async () => {
    const settings = await query<{ database: string | null; role: string | null; setting: string }>(
      adminConfig().database,
      `SELECT d.datname AS database, r.rolname AS role, setting
         FROM pg_db_role_setting s
         CROSS JOIN LATERAL unnest(s.setconfig) AS setting
         LEFT JOIN pg_database d ON d.oid = s.setdatabase
         LEFT JOIN pg_roles r ON r.oid = s.setrole
        WHERE (s.setrole = 0 OR r.rolname = $1) AND setting LIKE 'tessera.tenant_id=%'`,
      [ROLES.app],
    );
    expect(settings).toEqual([]);
  });
});

describe('the tessera_events role (outbox relay, dead letters)', () => {
  it('is a plain login role that cannot bypass RLS', async () => {
    const [role] = await query(
      adminConfig().database,
      `SELECT rolsuper, rolbypassrls, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = $1`,
      [ROLES.events],
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcreatedb: false, rolcreaterole: false });
  });

  it.each(modules)('in %s may touch only the outbox and the dead letters, and owns nothing', async (module) => {
    const database = moduleDatabaseName(module);
    const tables = await query<{ table: string }>(
      database,
      `SELECT DISTINCT table_name AS table FROM information_schema.role_table_grants WHERE grantee = $1
       UNION SELECT DISTINCT table_name FROM information_schema.role_column_grants WHERE grantee = $1 ORDER BY 1`,
      [ROLES.events],
    );
    const hasEvents = (await query(database, `SELECT 1 FROM pg_class WHERE relname = 'outbox_events'`)).length > 0;
    // Webhooks' dispatcher finds due deliveries across tenants as this role: it may read their
    // scheduling columns, and nothing else of them (no body, no endpoint, no secret).
    const dispatcher = module === 'webhooks' ? ['webhook_deliveries'] : [];
    expect(tables.map((t) => t.table)).toEqual(hasEvents ? ['dead_letters', 'outbox_events', ...dispatcher] : []);
    if (module === 'webhooks') {
      const grants = await query<{ column: string; privilege: string }>(
        database,
        `SELECT column_name AS column, privilege_type AS privilege FROM information_schema.role_column_grants
          WHERE grantee = $1 AND table_name = 'webhook_deliveries' ORDER BY 1`,
        [ROLES.events],
      );
      expect(new Set(grants.map((grant) => grant.privilege))).toEqual(new Set(['SELECT']));
      expect(grants.map((grant) => grant.column)).not.toContain('body');
      expect(grants.map((grant) => grant.column)).toContain('next_attempt_at');
    }
    const [owned] = await query<{ relations: number; functions: number }>(
      database,
      `SELECT (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) AS relations,
              (SELECT count(*)::int FROM pg_proc WHERE proowner = r.oid) AS functions
         FROM pg_roles r WHERE r.rolname = $1`,
      [ROLES.events],
    );
    expect(owned).toEqual({ relations: 0, functions: 0 });
  });
});
