-- CreateIndex
CREATE INDEX "orders_tenant_id_updated_at_id_idx" ON "orders"("tenant_id", "updated_at", "id");
