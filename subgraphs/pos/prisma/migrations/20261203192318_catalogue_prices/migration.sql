-- AlterTable
ALTER TABLE "sale_lines" ADD COLUMN     "list_price" DECIMAL(19,4),
ADD COLUMN     "price_reason" TEXT,
ADD COLUMN     "price_set_by" UUID;

-- CreateTable
CREATE TABLE "catalogue_variants" (
    "tenant_id" UUID NOT NULL,
    "variant_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prices" JSONB NOT NULL,
    "revision" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "catalogue_variants_pkey" PRIMARY KEY ("tenant_id","variant_id")
);

-- Tenant isolation (written by `npm run db:migration`; Prisma does not model RLS)

ALTER TABLE "catalogue_variants" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "catalogue_variants" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "catalogue_variants" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON "catalogue_variants" TO tessera_app;
