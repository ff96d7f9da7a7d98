/**
 * The hand-written SQL every tenant table needs, written once: Prisma does not model row-level
 * security or grants, so `npm run db:migration` appends them to the SQL Prisma's engine computes.
 * - every table the migration creates with a "tenant_id" column: RLS enabled and forced, the tenant
 *   policy, and the app role's grants;
 * - the event backbone's tables (outbox, inbox, dead letters), when the migration creates them: the
 *   one source, packages/events/sql/event-tables.sql (a test checks every module's migrations hold it);
 * - a module's first migration: the function the policies read the transaction's tenant from.
 * A created table without "tenant_id" gets a note: add its policy by hand if it holds tenant data.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './modules.js';

export const EVENT_TABLES = ['outbox_events', 'inbox_events', 'dead_letters'];

export const CURRENT_TENANT_FUNCTION = `-- The tenant of the current transaction: services set it with set_config('tessera.tenant_id', <uuid>, true),
-- so it ends with the transaction. Unset (or '') means no tenant, which no row matches.
CREATE FUNCTION tessera_current_tenant() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT NULLIF(current_setting('tessera.tenant_id', true), '')::uuid $$;
`;

/** The event backbone's SQL, from its one source. */
export function eventTablesSql(root: string = projectRoot()): string {
  return readFileSync(path.join(root, 'packages/events/sql/event-tables.sql'), 'utf8');
}

/** The tables a migration's SQL creates, with whether each has a tenant_id column. */
export function createdTables(sql: string): { name: string; tenantScoped: boolean }[] {
  const tables: { name: string; tenantScoped: boolean }[] = [];
  const pattern = /CREATE TABLE "([^"]+)" \(([\s\S]*?)\n\);/g;
  for (let match = pattern.exec(sql); match; match = pattern.exec(sql)) {
    tables.push({ name: match[1]!, tenantScoped: /^\s*"tenant_id" /m.test(match[2]!) });
  }
  return tables;
}

/** The row-level security and grants of tenant tables the app role reads and writes. */
export function tenantTablesSql(tables: string[]): string {
  if (tables.length === 0) return '';
  const policies = tables.map(
    (table) => `ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "${table}" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());
`,
  );
  return `${policies.join('\n')}
GRANT SELECT, INSERT, UPDATE, DELETE ON ${tables.map((table) => `"${table}"`).join(', ')} TO tessera_app;
`;
}

/** What `db:migration` appends to the engine's SQL (empty when the migration creates no table). */
export function tenantSqlFor(sql: string, options: { firstMigration: boolean; root?: string }): string {
  const created = createdTables(sql);
  const eventTables = created.filter((table) => EVENT_TABLES.includes(table.name));
  const tenantTables = created.filter((table) => table.tenantScoped && !EVENT_TABLES.includes(table.name)).map((table) => table.name);
  const unscoped = created.filter((table) => !table.tenantScoped && !EVENT_TABLES.includes(table.name)).map((table) => table.name);
  const parts: string[] = [];
  if (tenantTables.length > 0 || options.firstMigration) {
    parts.push('-- Tenant isolation (written by `npm run db:migration`; Prisma does not model RLS)\n');
    if (options.firstMigration) parts.push(CURRENT_TENANT_FUNCTION);
    if (tenantTables.length > 0) parts.push(tenantTablesSql(tenantTables));
  }
  for (const table of unscoped) {
    parts.push(
      `-- NOTE: "${table}" has no tenant_id column, so no tenant policy was written for it: add one by hand if it holds tenant data.\n`,
    );
  }
  if (eventTables.length > 0) {
    if (eventTables.length !== EVENT_TABLES.length) throw new Error(`the event tables come together: ${EVENT_TABLES.join(', ')}`);
    parts.push(`\n${eventTablesSql(options.root)}`);
  }
  return parts.length > 0 ? `\n${parts.join('\n')}` : '';
}
