-- CreateTable
CREATE TABLE "metric_facts" (
    "tenant_id" UUID NOT NULL,
    "metric" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "value" DECIMAL(19,4) NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "event_id" UUID NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "metric_facts_pkey" PRIMARY KEY ("tenant_id","metric","source_id")
);

-- CreateTable
CREATE TABLE "daily_metrics" (
    "tenant_id" UUID NOT NULL,
    "metric" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "value" DECIMAL(24,4) NOT NULL,
    "fact_count" INTEGER NOT NULL,

    CONSTRAINT "daily_metrics_pkey" PRIMARY KEY ("tenant_id","metric","day","currency")
);

-- CreateTable
CREATE TABLE "invoice_receivables" (
    "tenant_id" UUID NOT NULL,
    "invoice_id" UUID NOT NULL,
    "status" TEXT,
    "status_rank" SMALLINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "total" DECIMAL(19,4),
    "amount_paid" DECIMAL(19,4) NOT NULL,
    "amount_credited" DECIMAL(19,4) NOT NULL,
    "amount_due" DECIMAL(19,4) NOT NULL,
    "due_date" DATE,
    "last_event_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "invoice_receivables_pkey" PRIMARY KEY ("tenant_id","invoice_id")
);

-- CreateTable
CREATE TABLE "invoice_credits" (
    "tenant_id" UUID NOT NULL,
    "credit_note_id" UUID NOT NULL,
    "invoice_id" UUID NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "amount" DECIMAL(19,4) NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "invoice_credits_pkey" PRIMARY KEY ("tenant_id","credit_note_id")
);

-- CreateTable
CREATE TABLE "pipeline_deals" (
    "tenant_id" UUID NOT NULL,
    "deal_id" UUID NOT NULL,
    "stage" TEXT NOT NULL,
    "amount" DECIMAL(19,4) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),
    "closed" BOOLEAN NOT NULL,
    "version_at" TIMESTAMPTZ(3) NOT NULL,
    "version_rank" SMALLINT NOT NULL,
    "version_event_id" UUID NOT NULL,

    CONSTRAINT "pipeline_deals_pkey" PRIMARY KEY ("tenant_id","deal_id")
);

-- CreateTable
CREATE TABLE "commission_balances" (
    "tenant_id" UUID NOT NULL,
    "commission_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "status_rank" SMALLINT NOT NULL,
    "amount" DECIMAL(19,4) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "last_event_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "commission_balances_pkey" PRIMARY KEY ("tenant_id","commission_id")
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
CREATE INDEX "invoice_receivables_tenant_id_status_rank_idx" ON "invoice_receivables"("tenant_id", "status_rank");

-- CreateIndex
CREATE INDEX "invoice_credits_tenant_id_invoice_id_idx" ON "invoice_credits"("tenant_id", "invoice_id");

-- CreateIndex
CREATE INDEX "pipeline_deals_tenant_id_closed_idx" ON "pipeline_deals"("tenant_id", "closed");

-- CreateIndex
CREATE INDEX "commission_balances_tenant_id_status_rank_idx" ON "commission_balances"("tenant_id", "status_rank");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_events_seq_key" ON "outbox_events"("seq");

-- CreateIndex
CREATE INDEX "outbox_events_published_at_seq_idx" ON "outbox_events"("published_at", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "dead_letters_consumer_stream_stream_seq_key" ON "dead_letters"("consumer", "stream", "stream_seq");

-- AddForeignKey
ALTER TABLE "invoice_credits" ADD CONSTRAINT "invoice_credits_tenant_id_invoice_id_fkey" FOREIGN KEY ("tenant_id", "invoice_id") REFERENCES "invoice_receivables"("tenant_id", "invoice_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tenant isolation (hand-written; Prisma does not model RLS)

-- The tenant of the current transaction: services set it with set_config('tessera.tenant_id', <uuid>, true),
-- so it ends with the transaction. Unset (or '') means no tenant, which no row matches.
CREATE FUNCTION tessera_current_tenant() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT NULLIF(current_setting('tessera.tenant_id', true), '')::uuid $$;

ALTER TABLE "metric_facts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "metric_facts" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "metric_facts" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "daily_metrics" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "daily_metrics" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "daily_metrics" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "invoice_receivables" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "invoice_receivables" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "invoice_receivables" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "invoice_credits" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "invoice_credits" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "invoice_credits" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "pipeline_deals" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "pipeline_deals" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "pipeline_deals" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "commission_balances" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "commission_balances" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "commission_balances" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

-- Read models are derived data: the consumers insert and update them, the rebuild deletes a tenant's
-- rows (in that tenant's transaction) before replaying the streams into them. Facts are never updated.
GRANT SELECT, INSERT, DELETE ON "metric_facts", "invoice_credits" TO tessera_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON "daily_metrics", "invoice_receivables", "pipeline_deals", "commission_balances" TO tessera_app;

-- Invariants the projections keep, kept by the database too (hand-written; Prisma does not model CHECK constraints).
ALTER TABLE "metric_facts"
  ADD CONSTRAINT "metric_facts_metric_key" CHECK ("metric" ~ '^[a-z][a-z0-9_]*\.[a-z][a-z0-9_.]*$'),
  ADD CONSTRAINT "metric_facts_currency_code" CHECK ("currency" ~ '^[A-Z]{3}$');
ALTER TABLE "daily_metrics"
  ADD CONSTRAINT "daily_metrics_metric_key" CHECK ("metric" ~ '^[a-z][a-z0-9_]*\.[a-z][a-z0-9_.]*$'),
  ADD CONSTRAINT "daily_metrics_currency_code" CHECK ("currency" ~ '^[A-Z]{3}$'),
  ADD CONSTRAINT "daily_metrics_counted" CHECK ("fact_count" > 0);
ALTER TABLE "invoice_receivables"
  ADD CONSTRAINT "invoice_receivables_status_known" CHECK ("status" IN ('SENT', 'OVERDUE', 'PARTIALLY_PAID', 'PAID', 'VOID')),
  ADD CONSTRAINT "invoice_receivables_status_rank" CHECK ("status_rank" BETWEEN 0 AND 5 AND ("status" IS NULL) = ("status_rank" = 0)),
  ADD CONSTRAINT "invoice_receivables_total_with_status" CHECK (("status" IS NULL) = ("total" IS NULL)),
  ADD CONSTRAINT "invoice_receivables_figures_valid" CHECK (
    "total" >= 0 AND "amount_paid" >= 0 AND "amount_credited" >= 0 AND "amount_due" >= 0 AND "currency" ~ '^[A-Z]{3}$'
  ),
  ADD CONSTRAINT "invoice_receivables_nothing_due_when_closed" CHECK ("amount_due" = 0 OR COALESCE("status" IN ('SENT', 'OVERDUE', 'PARTIALLY_PAID'), false));
ALTER TABLE "invoice_credits" ADD CONSTRAINT "invoice_credits_figures_valid" CHECK ("amount" >= 0 AND "currency" ~ '^[A-Z]{3}$');
ALTER TABLE "pipeline_deals"
  ADD CONSTRAINT "pipeline_deals_stage_known" CHECK ("stage" IN ('LEAD', 'QUALIFIED', 'PROPOSAL', 'NEGOTIATION', 'WON', 'LOST')),
  ADD CONSTRAINT "pipeline_deals_closed_when_final" CHECK ("closed" = ("stage" IN ('WON', 'LOST'))),
  ADD CONSTRAINT "pipeline_deals_figures_valid" CHECK ("amount" >= 0 AND "currency" ~ '^[A-Z]{3}$');
ALTER TABLE "commission_balances"
  ADD CONSTRAINT "commission_balances_status_rank" CHECK (
    ("status", "status_rank") IN (('ACCRUED', 1), ('PAYABLE', 2), ('PAID', 3))
  ),
  ADD CONSTRAINT "commission_balances_figures_valid" CHECK ("amount" >= 0 AND "currency" ~ '^[A-Z]{3}$');



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
