-- CreateIndex
CREATE INDEX "appointments_tenant_id_updated_at_id_idx" ON "appointments"("tenant_id", "updated_at", "id");
