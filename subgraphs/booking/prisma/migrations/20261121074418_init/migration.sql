-- CreateEnum
CREATE TYPE "resource_kind" AS ENUM ('STAFF', 'ROOM', 'EQUIPMENT');

-- CreateEnum
CREATE TYPE "appointment_status" AS ENUM ('REQUESTED', 'CONFIRMED', 'COMPLETED', 'NO_SHOW', 'CANCELLED');

-- CreateTable
CREATE TABLE "services" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "duration_minutes" INTEGER NOT NULL,
    "price_amount" DECIMAL(19,4) NOT NULL,
    "price_currency" CHAR(3) NOT NULL,
    "buffer_before_minutes" INTEGER NOT NULL DEFAULT 0,
    "buffer_after_minutes" INTEGER NOT NULL DEFAULT 0,
    "minimum_notice_minutes" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "services_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "resources" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "resource_kind" NOT NULL,
    "employee_id" UUID,
    "time_zone" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "resources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "resource_services" (
    "tenant_id" UUID NOT NULL,
    "resource_id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "resource_services_pkey" PRIMARY KEY ("tenant_id","resource_id","service_id")
);

-- CreateTable
CREATE TABLE "availability_intervals" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "resource_id" UUID NOT NULL,
    "weekday" INTEGER NOT NULL,
    "start_minute" INTEGER NOT NULL,
    "end_minute" INTEGER NOT NULL,

    CONSTRAINT "availability_intervals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "date_overrides" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "resource_id" UUID NOT NULL,
    "date" DATE NOT NULL,

    CONSTRAINT "date_overrides_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "date_override_intervals" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "override_id" UUID NOT NULL,
    "start_minute" INTEGER NOT NULL,
    "end_minute" INTEGER NOT NULL,

    CONSTRAINT "date_override_intervals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "appointments" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "resource_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "status" "appointment_status" NOT NULL DEFAULT 'REQUESTED',
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "buffer_before_minutes" INTEGER NOT NULL,
    "buffer_after_minutes" INTEGER NOT NULL,
    "blocked_from" TIMESTAMPTZ(3) NOT NULL,
    "blocked_until" TIMESTAMPTZ(3) NOT NULL,
    "price_amount" DECIMAL(19,4) NOT NULL,
    "price_currency" CHAR(3) NOT NULL,
    "cancellation_reason" TEXT,
    "confirmed_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "no_show_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "appointments_pkey" PRIMARY KEY ("id")
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
CREATE INDEX "services_tenant_id_active_id_idx" ON "services"("tenant_id", "active", "id");

-- CreateIndex
CREATE UNIQUE INDEX "services_tenant_id_id_key" ON "services"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "resources_tenant_id_kind_id_idx" ON "resources"("tenant_id", "kind", "id");

-- CreateIndex
CREATE UNIQUE INDEX "resources_tenant_id_id_key" ON "resources"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "resource_services_tenant_id_service_id_idx" ON "resource_services"("tenant_id", "service_id");

-- CreateIndex
CREATE INDEX "availability_intervals_tenant_id_resource_id_weekday_idx" ON "availability_intervals"("tenant_id", "resource_id", "weekday");

-- CreateIndex
CREATE UNIQUE INDEX "date_overrides_tenant_id_id_key" ON "date_overrides"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "date_overrides_tenant_id_resource_id_date_key" ON "date_overrides"("tenant_id", "resource_id", "date");

-- CreateIndex
CREATE INDEX "date_override_intervals_tenant_id_override_id_idx" ON "date_override_intervals"("tenant_id", "override_id");

-- CreateIndex
CREATE INDEX "appointments_tenant_id_contact_id_starts_at_idx" ON "appointments"("tenant_id", "contact_id", "starts_at");

-- CreateIndex
CREATE INDEX "appointments_tenant_id_resource_id_starts_at_idx" ON "appointments"("tenant_id", "resource_id", "starts_at");

-- CreateIndex
CREATE INDEX "appointments_tenant_id_service_id_id_idx" ON "appointments"("tenant_id", "service_id", "id");

-- CreateIndex
CREATE INDEX "appointments_tenant_id_status_id_idx" ON "appointments"("tenant_id", "status", "id");

-- CreateIndex
CREATE UNIQUE INDEX "appointments_tenant_id_id_key" ON "appointments"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_events_seq_key" ON "outbox_events"("seq");

-- CreateIndex
CREATE INDEX "outbox_events_published_at_seq_idx" ON "outbox_events"("published_at", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "dead_letters_consumer_stream_stream_seq_key" ON "dead_letters"("consumer", "stream", "stream_seq");

-- AddForeignKey
ALTER TABLE "resource_services" ADD CONSTRAINT "resource_services_tenant_id_resource_id_fkey" FOREIGN KEY ("tenant_id", "resource_id") REFERENCES "resources"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "resource_services" ADD CONSTRAINT "resource_services_tenant_id_service_id_fkey" FOREIGN KEY ("tenant_id", "service_id") REFERENCES "services"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "availability_intervals" ADD CONSTRAINT "availability_intervals_tenant_id_resource_id_fkey" FOREIGN KEY ("tenant_id", "resource_id") REFERENCES "resources"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "date_overrides" ADD CONSTRAINT "date_overrides_tenant_id_resource_id_fkey" FOREIGN KEY ("tenant_id", "resource_id") REFERENCES "resources"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "date_override_intervals" ADD CONSTRAINT "date_override_intervals_tenant_id_override_id_fkey" FOREIGN KEY ("tenant_id", "override_id") REFERENCES "date_overrides"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_tenant_id_service_id_fkey" FOREIGN KEY ("tenant_id", "service_id") REFERENCES "services"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_tenant_id_resource_id_fkey" FOREIGN KEY ("tenant_id", "resource_id") REFERENCES "resources"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Tenant isolation (hand-written; Prisma does not model RLS)

-- The tenant of the current transaction: services set it with set_config('tessera.tenant_id', <uuid>, true),
-- so it ends with the transaction. Unset (or '') means no tenant, which no row matches.
CREATE FUNCTION tessera_current_tenant() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT NULLIF(current_setting('tessera.tenant_id', true), '')::uuid $$;

ALTER TABLE "services" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "services" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "services" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "resources" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "resources" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "resources" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "resource_services" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "resource_services" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "resource_services" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "availability_intervals" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "availability_intervals" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "availability_intervals" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "date_overrides" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "date_overrides" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "date_overrides" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "date_override_intervals" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "date_override_intervals" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "date_override_intervals" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "appointments" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "appointments" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "appointments" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON "services", "resources", "resource_services", "availability_intervals", "date_overrides",
  "date_override_intervals", "appointments" TO tessera_app;

-- Invariants the services keep, kept by the database too (hand-written; Prisma does not model CHECK constraints).
ALTER TABLE "services" ADD CONSTRAINT "services_name_not_blank" CHECK (btrim(name) <> '');
ALTER TABLE "services" ADD CONSTRAINT "services_duration_range" CHECK (duration_minutes BETWEEN 5 AND 1440);
ALTER TABLE "services" ADD CONSTRAINT "services_buffers_range" CHECK (buffer_before_minutes BETWEEN 0 AND 1440 AND buffer_after_minutes BETWEEN 0 AND 1440);
ALTER TABLE "services" ADD CONSTRAINT "services_notice_range" CHECK (minimum_notice_minutes BETWEEN 0 AND 525600);
ALTER TABLE "services" ADD CONSTRAINT "services_price_not_negative" CHECK (price_amount >= 0);
ALTER TABLE "services" ADD CONSTRAINT "services_price_currency_code" CHECK (price_currency ~ '^[A-Z]{3}$');
ALTER TABLE "resources" ADD CONSTRAINT "resources_name_not_blank" CHECK (btrim(name) <> '');
ALTER TABLE "resources" ADD CONSTRAINT "resources_employee_only_staff" CHECK (employee_id IS NULL OR kind = 'STAFF');
ALTER TABLE "availability_intervals" ADD CONSTRAINT "availability_intervals_weekday" CHECK (weekday BETWEEN 1 AND 7);
ALTER TABLE "availability_intervals" ADD CONSTRAINT "availability_intervals_minutes" CHECK (start_minute >= 0 AND start_minute < end_minute AND end_minute <= 1440);
ALTER TABLE "date_override_intervals" ADD CONSTRAINT "date_override_intervals_minutes" CHECK (start_minute >= 0 AND start_minute < end_minute AND end_minute <= 1440);
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_ends_after_start" CHECK (ends_at > starts_at);
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_buffers_range" CHECK (buffer_before_minutes BETWEEN 0 AND 1440 AND buffer_after_minutes BETWEEN 0 AND 1440);
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_blocked_range" CHECK (
  blocked_from = starts_at - make_interval(mins => buffer_before_minutes) AND blocked_until = ends_at + make_interval(mins => buffer_after_minutes)
);
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_price_not_negative" CHECK (price_amount >= 0);
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_price_currency_code" CHECK (price_currency ~ '^[A-Z]{3}$');
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_reason_only_when_cancelled" CHECK (cancellation_reason IS NULL OR status = 'CANCELLED');
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_status_times" CHECK (
  (status = 'CANCELLED') = (cancelled_at IS NOT NULL)
  AND (status = 'COMPLETED') = (completed_at IS NOT NULL)
  AND (status = 'NO_SHOW') = (no_show_at IS NOT NULL)
  AND (confirmed_at IS NOT NULL OR status IN ('REQUESTED', 'CANCELLED'))
);

-- No resource is ever double-booked: the time two live (not CANCELLED) appointments of one resource
-- block, buffers included (tstzrange(starts_at - buffer before, ends_at + buffer after), stored as
-- blocked_from/blocked_until and checked above), never overlaps, whatever the application does and
-- however many requests race. btree_gist (a trusted extension since PostgreSQL 13) lets the GiST
-- index compare the uuid columns with =. The services map a violation to SLOT_TAKEN.
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_no_double_booking" EXCLUDE USING gist (
  "tenant_id" WITH =,
  "resource_id" WITH =,
  tstzrange("blocked_from", "blocked_until", '[)') WITH &&
) WHERE ("status" <> 'CANCELLED');


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
