-- CreateEnum
CREATE TYPE "session_status" AS ENUM ('OPEN', 'CLOSING', 'CLOSED');

-- CreateEnum
CREATE TYPE "sale_status" AS ENUM ('COMPLETED', 'VOIDED');

-- CreateEnum
CREATE TYPE "payment_method" AS ENUM ('CASH', 'CARD');

-- CreateTable
CREATE TABLE "registers" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "location_id" UUID NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "last_receipt_seq" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "registers_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "register_sessions" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "register_id" UUID NOT NULL,
    "status" "session_status" NOT NULL DEFAULT 'OPEN',
    "currency" CHAR(3) NOT NULL,
    "opening_float" DECIMAL(19,4) NOT NULL,
    "expected_cash" DECIMAL(19,4),
    "counted_cash" DECIMAL(19,4),
    "difference" DECIMAL(19,4),
    "opened_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closing_started_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "register_sessions_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "sales" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "register_id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "idempotency_key" UUID NOT NULL,
    "payload_hash" TEXT NOT NULL,
    "receipt_seq" INTEGER NOT NULL,
    "receipt_number" TEXT NOT NULL,
    "status" "sale_status" NOT NULL DEFAULT 'COMPLETED',
    "currency" CHAR(3) NOT NULL,
    "subtotal" DECIMAL(19,4) NOT NULL,
    "discount_total" DECIMAL(19,4) NOT NULL,
    "total" DECIMAL(19,4) NOT NULL,
    "tendered" DECIMAL(19,4) NOT NULL,
    "change" DECIMAL(19,4) NOT NULL,
    "completed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "voided_at" TIMESTAMPTZ(3),
    "void_reason" TEXT,

    CONSTRAINT "sales_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "sale_lines" (
    "tenant_id" UUID NOT NULL,
    "sale_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "variant_id" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unit_price" DECIMAL(19,4) NOT NULL,
    "discount" DECIMAL(19,4) NOT NULL,
    "line_total" DECIMAL(19,4) NOT NULL,

    CONSTRAINT "sale_lines_pkey" PRIMARY KEY ("tenant_id","sale_id","position")
);

-- CreateTable
CREATE TABLE "sale_payments" (
    "tenant_id" UUID NOT NULL,
    "sale_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "method" "payment_method" NOT NULL,
    "amount" DECIMAL(19,4) NOT NULL,

    CONSTRAINT "sale_payments_pkey" PRIMARY KEY ("tenant_id","sale_id","position")
);

-- CreateTable
CREATE TABLE "outbox_events" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "envelope" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbox_events" (
    "consumer" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "processed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inbox_events_pkey" PRIMARY KEY ("consumer","event_id")
);

-- CreateTable
CREATE TABLE "dead_letters" (
    "id" UUID NOT NULL,
    "consumer" TEXT NOT NULL,
    "stream" TEXT NOT NULL,
    "stream_seq" BIGINT NOT NULL,
    "subject" TEXT NOT NULL,
    "tenant_id" UUID,
    "event_id" UUID,
    "type" TEXT,
    "payload" TEXT NOT NULL,
    "error" TEXT NOT NULL,
    "deliveries" INTEGER NOT NULL,
    "failed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "replayed_at" TIMESTAMPTZ(3),

    CONSTRAINT "dead_letters_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "registers_tenant_id_number_key" ON "registers"("tenant_id", "number");

-- CreateIndex
CREATE INDEX "register_sessions_tenant_id_register_id_idx" ON "register_sessions"("tenant_id", "register_id");

-- CreateIndex
CREATE INDEX "sales_tenant_id_session_id_idx" ON "sales"("tenant_id", "session_id");

-- CreateIndex
CREATE UNIQUE INDEX "sales_tenant_id_register_id_idempotency_key_key" ON "sales"("tenant_id", "register_id", "idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "sales_tenant_id_register_id_receipt_seq_key" ON "sales"("tenant_id", "register_id", "receipt_seq");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_events_seq_key" ON "outbox_events"("seq");

-- CreateIndex
CREATE INDEX "outbox_events_published_at_seq_idx" ON "outbox_events"("published_at", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "dead_letters_consumer_stream_stream_seq_key" ON "dead_letters"("consumer", "stream", "stream_seq");

-- AddForeignKey
ALTER TABLE "register_sessions" ADD CONSTRAINT "register_sessions_tenant_id_register_id_fkey" FOREIGN KEY ("tenant_id", "register_id") REFERENCES "registers"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sales" ADD CONSTRAINT "sales_tenant_id_register_id_fkey" FOREIGN KEY ("tenant_id", "register_id") REFERENCES "registers"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sales" ADD CONSTRAINT "sales_tenant_id_session_id_fkey" FOREIGN KEY ("tenant_id", "session_id") REFERENCES "register_sessions"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sale_lines" ADD CONSTRAINT "sale_lines_tenant_id_sale_id_fkey" FOREIGN KEY ("tenant_id", "sale_id") REFERENCES "sales"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sale_payments" ADD CONSTRAINT "sale_payments_tenant_id_sale_id_fkey" FOREIGN KEY ("tenant_id", "sale_id") REFERENCES "sales"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: tenant isolation, grants and the invariants Prisma does not model.
CREATE FUNCTION tessera_current_tenant() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT NULLIF(current_setting('tessera.tenant_id', true), '')::uuid $$;

ALTER TABLE "registers" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "registers" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "registers" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "register_sessions" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "register_sessions" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "register_sessions" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "sales" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "sales" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "sales" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "sale_lines" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "sale_lines" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "sale_lines" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "sale_payments" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "sale_payments" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "sale_payments" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON "registers", "register_sessions", "sales", "sale_lines", "sale_payments" TO tessera_app;

-- At most one open (OPEN or CLOSING) session per register, whatever the application does.
CREATE UNIQUE INDEX "register_sessions_one_open_per_register" ON "register_sessions" ("tenant_id", "register_id") WHERE ("status" IN ('OPEN', 'CLOSING'));

ALTER TABLE "registers" ADD CONSTRAINT "registers_currency_code" CHECK (currency ~ '^[A-Z]{3}$');
ALTER TABLE "registers" ADD CONSTRAINT "registers_number_positive" CHECK (number > 0);
ALTER TABLE "registers" ADD CONSTRAINT "registers_receipt_seq_nonnegative" CHECK (last_receipt_seq >= 0);
ALTER TABLE "register_sessions" ADD CONSTRAINT "register_sessions_float_nonnegative" CHECK (opening_float >= 0);
ALTER TABLE "register_sessions" ADD CONSTRAINT "register_sessions_closed_reconciled" CHECK (
  (status = 'CLOSED') = (closed_at IS NOT NULL AND expected_cash IS NOT NULL AND counted_cash IS NOT NULL AND difference IS NOT NULL)
);
ALTER TABLE "register_sessions" ADD CONSTRAINT "register_sessions_counted_nonnegative" CHECK (counted_cash IS NULL OR counted_cash >= 0);
ALTER TABLE "register_sessions" ADD CONSTRAINT "register_sessions_difference" CHECK (difference IS NULL OR difference = counted_cash - expected_cash);
ALTER TABLE "register_sessions" ADD CONSTRAINT "register_sessions_closing_started" CHECK (status = 'OPEN' OR closing_started_at IS NOT NULL);
ALTER TABLE "sales" ADD CONSTRAINT "sales_amounts" CHECK (
  subtotal >= 0 AND discount_total >= 0 AND total >= 0 AND total = subtotal - discount_total AND change >= 0 AND tendered = total + change
);
ALTER TABLE "sales" ADD CONSTRAINT "sales_receipt_seq_positive" CHECK (receipt_seq > 0);
ALTER TABLE "sales" ADD CONSTRAINT "sales_voided_at_when_voided" CHECK ((status = 'VOIDED') = (voided_at IS NOT NULL));
ALTER TABLE "sale_lines" ADD CONSTRAINT "sale_lines_quantity_positive" CHECK (quantity > 0);
ALTER TABLE "sale_lines" ADD CONSTRAINT "sale_lines_amounts" CHECK (unit_price >= 0 AND discount >= 0 AND line_total >= 0);
ALTER TABLE "sale_payments" ADD CONSTRAINT "sale_payments_amount_positive" CHECK (amount > 0);


-- Event backbone (hand-written; Prisma does not model RLS, grants or constraints).
-- The app role writes outbox rows and reads/writes its inbox inside tenant transactions, under the
-- same tenant policies as every other table, and can do nothing else with them. Two jobs cannot know
-- a tenant in advance: the relay, which publishes every tenant's outbox rows in order, and the
-- dead-letter record of a message that may not even name a tenant. Both run on their own connection
-- as tessera_events, the only role whose policies see across tenants, and only on these two tables;
-- RLS is never switched off.

ALTER TABLE "outbox_events" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "outbox_events" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "outbox_events" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());
CREATE POLICY relay ON "outbox_events" FOR ALL TO tessera_events USING (true) WITH CHECK (true);
-- An outbox row can only describe its own tenant: the envelope's id and tenant are the row's, and the
-- subject (`[<namespace>.]<module>.<tenant>.<entity>.<verb>`) names that tenant.
ALTER TABLE "outbox_events" ADD CONSTRAINT "outbox_events_envelope_matches" CHECK (
  envelope->>'id' = id::text AND envelope->>'tenantId' = tenant_id::text AND subject LIKE '%.' || tenant_id::text || '.%'
);

ALTER TABLE "inbox_events" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "inbox_events" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "inbox_events" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "dead_letters" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "dead_letters" FORCE ROW LEVEL SECURITY;
CREATE POLICY operators ON "dead_letters" FOR ALL TO tessera_events USING (true) WITH CHECK (true);

GRANT SELECT, INSERT ON "outbox_events" TO tessera_app;
GRANT USAGE ON SEQUENCE "outbox_events_seq_seq" TO tessera_app;
GRANT SELECT, INSERT ON "inbox_events" TO tessera_app;
GRANT SELECT, UPDATE ("published_at") ON "outbox_events" TO tessera_events;
GRANT SELECT, INSERT ON "dead_letters" TO tessera_events;

-- Wakes the relay when events commit (NOTIFY is delivered at commit; one per statement is enough).
CREATE FUNCTION tessera_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('tessera_outbox', ''); RETURN NULL; END $$;
CREATE TRIGGER outbox_events_notify AFTER INSERT ON "outbox_events" FOR EACH STATEMENT EXECUTE FUNCTION tessera_outbox_notify();
