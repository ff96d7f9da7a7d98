-- CreateTable
CREATE TABLE "known_references" (
    "tenant_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "id" UUID NOT NULL,
    "active" BOOLEAN NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "known_references_pkey" PRIMARY KEY ("tenant_id","kind","id")
);

-- Tenant isolation (written by `npm run db:migration`; Prisma does not model RLS)

ALTER TABLE "known_references" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "known_references" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "known_references" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON "known_references" TO tessera_app;
