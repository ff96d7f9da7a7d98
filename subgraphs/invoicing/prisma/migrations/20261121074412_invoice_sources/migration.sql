-- AlterTable
ALTER TABLE "invoices" ADD COLUMN     "source_id" UUID,
ADD COLUMN     "source_kind" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "invoices_tenant_id_source_kind_source_id_key" ON "invoices"("tenant_id", "source_kind", "source_id");

-- Both or neither, and only the kinds invoicing knows (hand-written; Prisma does not model CHECK constraints).
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_source_pair" CHECK ((source_kind IS NULL) = (source_id IS NULL));
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_source_kind_known" CHECK (source_kind IN ('APPOINTMENT', 'ORDER'));
