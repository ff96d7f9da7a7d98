-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "trial_ends_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "plan_changes" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "from_plan" "Plan",
    "to_plan" "Plan" NOT NULL,
    "reason" TEXT NOT NULL,
    "changed_by" UUID,
    "reference" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plan_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "plan_changes_tenant_id_created_at_idx" ON "plan_changes"("tenant_id", "created_at");

-- AddForeignKey
ALTER TABLE "plan_changes" ADD CONSTRAINT "plan_changes_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tenant isolation (written by `npm run db:migration`; Prisma does not model RLS)

ALTER TABLE "plan_changes" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "plan_changes" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "plan_changes" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON "plan_changes" TO tessera_app;
