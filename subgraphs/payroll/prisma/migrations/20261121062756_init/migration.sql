-- CreateEnum
CREATE TYPE "pay_profile_status" AS ENUM ('ACTIVE', 'ON_LEAVE', 'TERMINATED');

-- CreateEnum
CREATE TYPE "commission_status" AS ENUM ('ACCRUED', 'PAYABLE', 'PAID');

-- CreateEnum
CREATE TYPE "pay_run_status" AS ENUM ('DRAFT', 'APPROVED', 'PAID', 'CANCELLED');

-- CreateTable
CREATE TABLE "pay_profiles" (
    "tenant_id" UUID NOT NULL,
    "employee_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "salary_amount" DECIMAL(19,4),
    "salary_currency" CHAR(3),
    "commission_rate" DECIMAL(7,4),
    "status" "pay_profile_status" NOT NULL DEFAULT 'ACTIVE',
    "hired_on" DATE,
    "terminated_on" DATE,
    "hr_event_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pay_profiles_pkey" PRIMARY KEY ("tenant_id","employee_id")
);

-- CreateTable
CREATE TABLE "commission_rules" (
    "tenant_id" UUID NOT NULL,
    "default_rate" DECIMAL(7,4) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "commission_rules_pkey" PRIMARY KEY ("tenant_id")
);

-- CreateTable
CREATE TABLE "commissions" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "deal_id" UUID NOT NULL,
    "employee_id" UUID NOT NULL,
    "status" "commission_status" NOT NULL DEFAULT 'ACCRUED',
    "deal_amount" DECIMAL(19,4) NOT NULL,
    "amount" DECIMAL(19,4) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "rate" DECIMAL(7,4) NOT NULL,
    "accrued_at" TIMESTAMPTZ(3) NOT NULL,
    "payable_at" TIMESTAMPTZ(3),
    "paid_at" TIMESTAMPTZ(3),
    "payslip_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "commissions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "paid_deals" (
    "tenant_id" UUID NOT NULL,
    "deal_id" UUID NOT NULL,
    "invoice_id" UUID NOT NULL,
    "paid_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "paid_deals_pkey" PRIMARY KEY ("tenant_id","deal_id")
);

-- CreateTable
CREATE TABLE "pay_runs" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "status" "pay_run_status" NOT NULL DEFAULT 'DRAFT',
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "base_total" DECIMAL(19,4) NOT NULL DEFAULT 0,
    "commission_total" DECIMAL(19,4) NOT NULL DEFAULT 0,
    "gross_total" DECIMAL(19,4) NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "approved_at" TIMESTAMPTZ(3),
    "paid_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pay_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payslips" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "pay_run_id" UUID NOT NULL,
    "employee_id" UUID NOT NULL,
    "employee_name" TEXT NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "base" DECIMAL(19,4) NOT NULL,
    "commission_total" DECIMAL(19,4) NOT NULL,
    "gross" DECIMAL(19,4) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payslips_pkey" PRIMARY KEY ("id")
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
CREATE INDEX "commissions_tenant_id_employee_id_id_idx" ON "commissions"("tenant_id", "employee_id", "id");

-- CreateIndex
CREATE INDEX "commissions_tenant_id_status_id_idx" ON "commissions"("tenant_id", "status", "id");

-- CreateIndex
CREATE INDEX "commissions_tenant_id_payslip_id_idx" ON "commissions"("tenant_id", "payslip_id");

-- CreateIndex
CREATE UNIQUE INDEX "commissions_tenant_id_id_key" ON "commissions"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "commissions_tenant_id_deal_id_key" ON "commissions"("tenant_id", "deal_id");

-- CreateIndex
CREATE INDEX "pay_runs_tenant_id_status_id_idx" ON "pay_runs"("tenant_id", "status", "id");

-- CreateIndex
CREATE INDEX "pay_runs_tenant_id_currency_period_start_idx" ON "pay_runs"("tenant_id", "currency", "period_start");

-- CreateIndex
CREATE UNIQUE INDEX "pay_runs_tenant_id_id_key" ON "pay_runs"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "payslips_tenant_id_employee_id_id_idx" ON "payslips"("tenant_id", "employee_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "payslips_tenant_id_id_key" ON "payslips"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "payslips_tenant_id_pay_run_id_employee_id_key" ON "payslips"("tenant_id", "pay_run_id", "employee_id");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_events_seq_key" ON "outbox_events"("seq");

-- CreateIndex
CREATE INDEX "outbox_events_published_at_seq_idx" ON "outbox_events"("published_at", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "dead_letters_consumer_stream_stream_seq_key" ON "dead_letters"("consumer", "stream", "stream_seq");

-- AddForeignKey
ALTER TABLE "commissions" ADD CONSTRAINT "commissions_tenant_id_payslip_id_fkey" FOREIGN KEY ("tenant_id", "payslip_id") REFERENCES "payslips"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payslips" ADD CONSTRAINT "payslips_tenant_id_pay_run_id_fkey" FOREIGN KEY ("tenant_id", "pay_run_id") REFERENCES "pay_runs"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payslips" ADD CONSTRAINT "payslips_tenant_id_employee_id_fkey" FOREIGN KEY ("tenant_id", "employee_id") REFERENCES "pay_profiles"("tenant_id", "employee_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Tenant isolation (hand-written; Prisma does not model RLS)

-- The tenant of the current transaction: services set it with set_config('tessera.tenant_id', <uuid>, true),
-- so it ends with the transaction. Unset (or '') means no tenant, which no row matches.
CREATE FUNCTION tessera_current_tenant() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT NULLIF(current_setting('tessera.tenant_id', true), '')::uuid $$;

ALTER TABLE "pay_profiles" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "pay_profiles" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "pay_profiles" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "commission_rules" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "commission_rules" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "commission_rules" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "commissions" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "commissions" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "commissions" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "paid_deals" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "paid_deals" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "paid_deals" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "pay_runs" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "pay_runs" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "pay_runs" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "payslips" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "payslips" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "payslips" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

-- Nothing in payroll is ever deleted: payslips and paid-deal records are written once, the rest only moves forward.
GRANT SELECT, INSERT, UPDATE ON "pay_profiles", "commission_rules", "commissions", "pay_runs" TO tessera_app;
GRANT SELECT, INSERT ON "paid_deals", "payslips" TO tessera_app;

-- Invariants the services keep, kept by the database too (hand-written; Prisma does not model CHECK constraints).
ALTER TABLE "pay_profiles"
  ADD CONSTRAINT "pay_profiles_salary_complete" CHECK (("salary_amount" IS NULL) = ("salary_currency" IS NULL)),
  ADD CONSTRAINT "pay_profiles_salary_valid" CHECK ("salary_amount" >= 0 AND "salary_currency" ~ '^[A-Z]{3}$'),
  ADD CONSTRAINT "pay_profiles_commission_rate_percent" CHECK ("commission_rate" BETWEEN 0 AND 100),
  ADD CONSTRAINT "pay_profiles_terminated_on_when_terminated" CHECK (("status" = 'TERMINATED') = ("terminated_on" IS NOT NULL));
ALTER TABLE "commission_rules" ADD CONSTRAINT "commission_rules_rate_percent" CHECK ("default_rate" BETWEEN 0 AND 100);
ALTER TABLE "commissions"
  ADD CONSTRAINT "commissions_figures_valid" CHECK ("deal_amount" >= 0 AND "amount" >= 0 AND "rate" BETWEEN 0 AND 100 AND "currency" ~ '^[A-Z]{3}$'),
  ADD CONSTRAINT "commissions_payable_at_unless_accrued" CHECK (("status" = 'ACCRUED') = ("payable_at" IS NULL)),
  ADD CONSTRAINT "commissions_paid_at_when_paid" CHECK (("status" = 'PAID') = ("paid_at" IS NOT NULL)),
  ADD CONSTRAINT "commissions_in_pay_run_when_payable" CHECK ("payslip_id" IS NULL OR "status" <> 'ACCRUED'),
  ADD CONSTRAINT "commissions_paid_through_pay_run" CHECK ("status" <> 'PAID' OR "payslip_id" IS NOT NULL);
ALTER TABLE "pay_runs"
  ADD CONSTRAINT "pay_runs_period_valid" CHECK ("period_end" >= "period_start" AND "currency" ~ '^[A-Z]{3}$'),
  ADD CONSTRAINT "pay_runs_totals_valid" CHECK ("base_total" >= 0 AND "commission_total" >= 0 AND "gross_total" = "base_total" + "commission_total"),
  ADD CONSTRAINT "pay_runs_approved_at_when_approved" CHECK (("approved_at" IS NOT NULL) = ("status" IN ('APPROVED', 'PAID'))),
  ADD CONSTRAINT "pay_runs_paid_at_when_paid" CHECK (("paid_at" IS NOT NULL) = ("status" = 'PAID')),
  ADD CONSTRAINT "pay_runs_cancelled_at_when_cancelled" CHECK (("cancelled_at" IS NOT NULL) = ("status" = 'CANCELLED'));
ALTER TABLE "payslips"
  ADD CONSTRAINT "payslips_figures_valid" CHECK ("base" >= 0 AND "commission_total" >= 0 AND "gross" = "base" + "commission_total" AND "period_end" >= "period_start");

-- Two pay runs of a tenant that are not cancelled never cover the same day in the same currency.
-- (btree_gist gives uuid and char the equality operator class GiST needs; it is a trusted extension.)
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE "pay_runs" ADD CONSTRAINT "pay_runs_no_overlap"
  EXCLUDE USING gist ("tenant_id" WITH =, "currency" WITH =, daterange("period_start", "period_end", '[]') WITH &&)
  WHERE ("status" <> 'CANCELLED');

-- A commission is in at most one pay run that is not cancelled: it has one payslip_id, which never
-- points into a cancelled run (cancelling releases the run's commissions first).
CREATE FUNCTION payroll_commission_not_in_cancelled_run() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.payslip_id IS NOT NULL AND EXISTS (
    SELECT 1 FROM payslips s JOIN pay_runs r ON r.tenant_id = s.tenant_id AND r.id = s.pay_run_id
    WHERE s.tenant_id = NEW.tenant_id AND s.id = NEW.payslip_id AND r.status = 'CANCELLED'
  ) THEN
    RAISE EXCEPTION 'commission % cannot join a cancelled pay run', NEW.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER commissions_not_in_cancelled_run BEFORE INSERT OR UPDATE OF payslip_id ON "commissions"
  FOR EACH ROW EXECUTE FUNCTION payroll_commission_not_in_cancelled_run();

CREATE FUNCTION payroll_cancelled_run_released() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'CANCELLED' AND EXISTS (
    SELECT 1 FROM commissions c JOIN payslips s ON s.tenant_id = c.tenant_id AND s.id = c.payslip_id
    WHERE s.tenant_id = NEW.tenant_id AND s.pay_run_id = NEW.id
  ) THEN
    RAISE EXCEPTION 'cancelled pay run % still includes commissions', NEW.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
-- Checked at commit, so a transaction may cancel the run and release its commissions in either order.
CREATE CONSTRAINT TRIGGER pay_runs_cancelled_released AFTER UPDATE OF status ON "pay_runs"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION payroll_cancelled_run_released();

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
