-- CreateEnum
CREATE TYPE "DocumentKind" AS ENUM ('INVOICE', 'CREDIT_NOTE');

-- CreateEnum
CREATE TYPE "InvoiceState" AS ENUM ('DRAFT', 'SENT', 'PARTIALLY_PAID', 'PAID', 'VOID');

-- CreateTable
CREATE TABLE "invoices" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "kind" "DocumentKind" NOT NULL DEFAULT 'INVOICE',
    "status" "InvoiceState" NOT NULL DEFAULT 'DRAFT',
    "number" TEXT,
    "contact_id" UUID NOT NULL,
    "deal_id" UUID,
    "currency" CHAR(3) NOT NULL,
    "due_date" DATE,
    "issued_at" TIMESTAMPTZ(3),
    "paid_at" TIMESTAMPTZ(3),
    "voided_at" TIMESTAMPTZ(3),
    "subtotal" DECIMAL(19,4) NOT NULL DEFAULT 0,
    "tax_total" DECIMAL(19,4) NOT NULL DEFAULT 0,
    "total" DECIMAL(19,4) NOT NULL DEFAULT 0,
    "amount_paid" DECIMAL(19,4) NOT NULL DEFAULT 0,
    "amount_credited" DECIMAL(19,4) NOT NULL DEFAULT 0,
    "credited_invoice_id" UUID,
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "invoices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invoice_lines" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "invoice_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "quantity" DECIMAL(19,4) NOT NULL,
    "unit_price" DECIMAL(19,4) NOT NULL,
    "tax_rate" DECIMAL(7,4) NOT NULL DEFAULT 0,
    "net" DECIMAL(19,4) NOT NULL,
    "tax" DECIMAL(19,4) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invoice_lines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payments" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "invoice_id" UUID NOT NULL,
    "amount" DECIMAL(19,4) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "method" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invoice_number_sequences" (
    "tenant_id" UUID NOT NULL,
    "kind" "DocumentKind" NOT NULL,
    "year" INTEGER NOT NULL,
    "last_value" INTEGER NOT NULL,

    CONSTRAINT "invoice_number_sequences_pkey" PRIMARY KEY ("tenant_id","kind","year")
);

-- CreateIndex
CREATE INDEX "invoices_tenant_id_kind_status_idx" ON "invoices"("tenant_id", "kind", "status");

-- CreateIndex
CREATE INDEX "invoices_tenant_id_contact_id_idx" ON "invoices"("tenant_id", "contact_id");

-- CreateIndex
CREATE INDEX "invoices_tenant_id_deal_id_idx" ON "invoices"("tenant_id", "deal_id");

-- CreateIndex
CREATE INDEX "invoices_tenant_id_credited_invoice_id_idx" ON "invoices"("tenant_id", "credited_invoice_id");

-- CreateIndex
CREATE UNIQUE INDEX "invoices_tenant_id_id_key" ON "invoices"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "invoices_tenant_id_number_key" ON "invoices"("tenant_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "invoice_lines_tenant_id_invoice_id_position_key" ON "invoice_lines"("tenant_id", "invoice_id", "position");

-- CreateIndex
CREATE INDEX "payments_tenant_id_invoice_id_idx" ON "payments"("tenant_id", "invoice_id");

-- AddForeignKey
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_credited_invoice_fkey" FOREIGN KEY ("tenant_id", "credited_invoice_id") REFERENCES "invoices"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_tenant_id_invoice_id_fkey" FOREIGN KEY ("tenant_id", "invoice_id") REFERENCES "invoices"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_tenant_id_invoice_id_fkey" FOREIGN KEY ("tenant_id", "invoice_id") REFERENCES "invoices"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Tenant isolation (hand-written; Prisma does not model RLS)

-- The tenant of the current transaction: services set it with set_config('tessera.tenant_id', <uuid>, true),
-- so it ends with the transaction. Unset (or '') means no tenant, which no row matches.
CREATE FUNCTION tessera_current_tenant() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT NULLIF(current_setting('tessera.tenant_id', true), '')::uuid $$;

ALTER TABLE "invoices" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "invoices" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "invoices" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "invoice_lines" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "invoice_lines" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "invoice_lines" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "payments" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "payments" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "payments" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "invoice_number_sequences" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "invoice_number_sequences" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "invoice_number_sequences" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

-- Payments are append-only and number sequences only ever move forward (a deleted counter would
-- restart a sequence), so the app role gets no more than that on them.
GRANT SELECT, INSERT, UPDATE, DELETE ON "invoices", "invoice_lines" TO tessera_app;
GRANT SELECT, INSERT ON "payments" TO tessera_app;
GRANT SELECT, INSERT, UPDATE ON "invoice_number_sequences" TO tessera_app;

-- Invariants the service keeps, enforced by the database too (hand-written; Prisma does not model CHECK).
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_amounts_non_negative"
  CHECK ("subtotal" >= 0 AND "tax_total" >= 0 AND "total" = "subtotal" + "tax_total" AND "amount_paid" >= 0 AND "amount_credited" >= 0),
  ADD CONSTRAINT "invoices_paid_within_total" CHECK ("amount_paid" <= "total" AND "amount_credited" <= "total"),
  ADD CONSTRAINT "invoices_credit_note_links_invoice" CHECK (("kind" = 'CREDIT_NOTE') = ("credited_invoice_id" IS NOT NULL)),
  ADD CONSTRAINT "invoices_numbered_unless_draft" CHECK (("status" = 'DRAFT') = ("number" IS NULL)),
  ADD CONSTRAINT "invoices_currency_code" CHECK ("currency" ~ '^[A-Z]{3}$');
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_figures_valid"
  CHECK ("quantity" > 0 AND "unit_price" >= 0 AND "tax_rate" >= 0 AND "tax_rate" <= 100 AND "net" >= 0 AND "tax" >= 0);
ALTER TABLE "payments" ADD CONSTRAINT "payments_amount_positive" CHECK ("amount" > 0);
ALTER TABLE "invoice_number_sequences" ADD CONSTRAINT "invoice_number_sequences_positive" CHECK ("last_value" > 0 AND "year" BETWEEN 2000 AND 9999);
