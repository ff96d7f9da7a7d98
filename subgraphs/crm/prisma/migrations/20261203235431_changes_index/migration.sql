-- CreateIndex
CREATE INDEX "contacts_tenant_id_updated_at_id_idx" ON "contacts"("tenant_id", "updated_at", "id");

-- CreateIndex
CREATE INDEX "deals_tenant_id_updated_at_id_idx" ON "deals"("tenant_id", "updated_at", "id");
