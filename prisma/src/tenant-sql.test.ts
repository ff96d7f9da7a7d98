import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './modules.js';
import { createdTables, CURRENT_TENANT_FUNCTION, EVENT_TABLES, eventTablesSql, tenantSqlFor } from './tenant-sql.js';

const DIFF = `-- CreateTable
CREATE TABLE "entries" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "minutes" INTEGER NOT NULL,

    CONSTRAINT "entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "currencies" (
    "code" CHAR(3) NOT NULL,

    CONSTRAINT "currencies_pkey" PRIMARY KEY ("code")
);
`;

describe('the SQL db:migration writes for the tables a migration creates', () => {
  it('finds the created tables and which are tenant tables', () => {
    expect(createdTables(DIFF)).toEqual([
      { name: 'entries', tenantScoped: true },
      { name: 'currencies', tenantScoped: false },
    ]);
  });

  it('gives tenant tables their policy and grants, notes the others, and the first migration the tenant function', () => {
    const first = tenantSqlFor(DIFF, { firstMigration: true });
    expect(first).toContain(CURRENT_TENANT_FUNCTION);
    expect(first).toContain('ALTER TABLE "entries" FORCE ROW LEVEL SECURITY;');
    expect(first).toContain('CREATE POLICY tenant_isolation ON "entries" USING ("tenant_id" = tessera_current_tenant())');
    expect(first).toContain('GRANT SELECT, INSERT, UPDATE, DELETE ON "entries" TO tessera_app;');
    expect(first).toContain('-- NOTE: "currencies" has no tenant_id column');
    expect(first).not.toContain('ON "currencies"');
    expect(tenantSqlFor(DIFF, { firstMigration: false })).not.toContain('CREATE FUNCTION tessera_current_tenant');
    expect(tenantSqlFor('ALTER TABLE "entries" ADD COLUMN "note" TEXT;', { firstMigration: false })).toBe('');
  });

  it('writes the event backbone from its one source when the migration creates the event tables', () => {
    const sql = ['outbox_events', 'inbox_events', 'dead_letters']
      .map((table) => `CREATE TABLE "${table}" (\n    "id" UUID NOT NULL,\n    "tenant_id" UUID NOT NULL\n);`)
      .join('\n\n');
    const written = tenantSqlFor(sql, { firstMigration: false });
    expect(written).toContain(eventTablesSql());
    expect(written).not.toContain(
      'CREATE POLICY tenant_isolation ON "outbox_events" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());\n\nGRANT SELECT, INSERT, UPDATE, DELETE',
    );
  });

  it('every module with events holds the event backbone exactly as its source says, and every tenant table its policy', () => {
    const root = projectRoot();
    const modules = readdirSync(path.join(root, 'subgraphs')).filter((name) =>
      existsSync(path.join(root, 'subgraphs', name, 'prisma/migrations')),
    );
    expect(modules.length).toBeGreaterThan(5);
    for (const module of modules) {
      const dir = path.join(root, 'subgraphs', module, 'prisma/migrations');
      const sql = readdirSync(dir)
        .filter((entry) => existsSync(path.join(dir, entry, 'migration.sql')))
        .sort()
        .map((entry) => readFileSync(path.join(dir, entry, 'migration.sql'), 'utf8'))
        .join('\n');
      const tables = createdTables(sql);
      if (tables.some((table) => table.name === 'outbox_events'))
        expect(sql, `${module}'s event backbone`).toContain(eventTablesSql().trim());
      for (const table of tables.filter((t) => t.tenantScoped && !EVENT_TABLES.includes(t.name))) {
        expect(sql, `${module}.${table.name} tenant policy`).toMatch(new RegExp(`CREATE POLICY tenant_isolation ON "${table.name}" USING`));
      }
    }
  });
});
