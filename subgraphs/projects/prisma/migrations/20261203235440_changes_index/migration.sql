-- CreateIndex
CREATE INDEX "projects_tenant_id_updated_at_id_idx" ON "projects"("tenant_id", "updated_at", "id");
