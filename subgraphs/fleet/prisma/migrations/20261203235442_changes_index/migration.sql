-- CreateIndex
CREATE INDEX "vehicles_tenant_id_updated_at_id_idx" ON "vehicles"("tenant_id", "updated_at", "id");
