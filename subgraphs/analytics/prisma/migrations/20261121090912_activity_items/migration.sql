-- CreateTable
CREATE TABLE "activity_items" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "module" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "subject_id" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "amount" DECIMAL(19,4),
    "currency" CHAR(3),

    CONSTRAINT "activity_items_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE INDEX "activity_items_tenant_id_occurred_at_id_idx" ON "activity_items"("tenant_id", "occurred_at" DESC, "id" DESC);

-- Tenant isolation (hand-written; Prisma does not model RLS), as for every analytics table: see the init migration.
ALTER TABLE "activity_items" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "activity_items" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "activity_items" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

-- A read model like the others: the consumers insert items, the rebuild deletes a tenant's rows (in that
-- tenant's transaction) before replaying the streams into them. Items are never updated.
GRANT SELECT, INSERT, DELETE ON "activity_items" TO tessera_app;

-- Invariants the projections keep, kept by the database too (hand-written; Prisma does not model CHECK constraints).
ALTER TABLE "activity_items"
  ADD CONSTRAINT "activity_items_type_key" CHECK ("type" ~ '^[a-z][a-z0-9_]*\.[a-z][a-z0-9_.]*$'),
  ADD CONSTRAINT "activity_items_module_of_type" CHECK (starts_with("type", "module" || '.')),
  ADD CONSTRAINT "activity_items_summary_present" CHECK ("summary" <> ''),
  ADD CONSTRAINT "activity_items_amount_with_currency" CHECK (("amount" IS NULL) = ("currency" IS NULL)),
  ADD CONSTRAINT "activity_items_currency_code" CHECK ("currency" ~ '^[A-Z]{3}$');
