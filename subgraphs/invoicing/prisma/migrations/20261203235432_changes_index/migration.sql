-- CreateIndex
CREATE INDEX "invoices_tenant_id_updated_at_id_idx" ON "invoices"("tenant_id", "updated_at", "id");
