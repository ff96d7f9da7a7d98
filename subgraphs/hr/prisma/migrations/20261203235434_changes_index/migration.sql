-- CreateIndex
CREATE INDEX "employees_tenant_id_updated_at_id_idx" ON "employees"("tenant_id", "updated_at", "id");
