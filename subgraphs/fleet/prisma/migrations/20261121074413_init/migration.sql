-- CreateEnum
CREATE TYPE "vehicle_status" AS ENUM ('ACTIVE', 'IN_SERVICE', 'RETIRED');

-- CreateEnum
CREATE TYPE "distance_unit" AS ENUM ('KM', 'MI');

-- CreateEnum
CREATE TYPE "fuel_unit" AS ENUM ('L', 'GAL');

-- CreateTable
CREATE TABLE "vehicles" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "plate" TEXT NOT NULL,
    "normalized_plate" TEXT NOT NULL,
    "vin" CHAR(17) NOT NULL,
    "make" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "odometer" INTEGER NOT NULL,
    "odometer_unit" "distance_unit" NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "status" "vehicle_status" NOT NULL DEFAULT 'ACTIVE',
    "retired_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "vehicles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "driver_assignments" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "vehicle_id" UUID NOT NULL,
    "employee_id" UUID NOT NULL,
    "assigned_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "driver_assignments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "trips" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "vehicle_id" UUID NOT NULL,
    "driver_id" UUID NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3) NOT NULL,
    "start_odometer" INTEGER NOT NULL,
    "end_odometer" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "trips_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "fuel_logs" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "vehicle_id" UUID NOT NULL,
    "date" DATE NOT NULL,
    "quantity" DECIMAL(12,3) NOT NULL,
    "unit" "fuel_unit" NOT NULL,
    "cost" DECIMAL(19,4) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "odometer" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "fuel_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "maintenance_logs" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "vehicle_id" UUID NOT NULL,
    "date" DATE NOT NULL,
    "description" TEXT NOT NULL,
    "service_kind" TEXT,
    "cost" DECIMAL(19,4) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "odometer" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "maintenance_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "service_reminders" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "vehicle_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "every_distance" INTEGER,
    "every_months" INTEGER,
    "last_service_date" DATE NOT NULL,
    "last_service_odometer" INTEGER NOT NULL,
    "due_date" DATE,
    "due_odometer" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "service_reminders_pkey" PRIMARY KEY ("id")
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
CREATE INDEX "vehicles_tenant_id_status_id_idx" ON "vehicles"("tenant_id", "status", "id");

-- CreateIndex
CREATE UNIQUE INDEX "vehicles_tenant_id_id_key" ON "vehicles"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "vehicles_tenant_id_normalized_plate_key" ON "vehicles"("tenant_id", "normalized_plate");

-- CreateIndex
CREATE UNIQUE INDEX "vehicles_tenant_id_vin_key" ON "vehicles"("tenant_id", "vin");

-- CreateIndex
CREATE INDEX "driver_assignments_tenant_id_employee_id_id_idx" ON "driver_assignments"("tenant_id", "employee_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "driver_assignments_tenant_id_vehicle_id_employee_id_key" ON "driver_assignments"("tenant_id", "vehicle_id", "employee_id");

-- CreateIndex
CREATE INDEX "trips_tenant_id_vehicle_id_id_idx" ON "trips"("tenant_id", "vehicle_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "trips_tenant_id_id_key" ON "trips"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "fuel_logs_tenant_id_vehicle_id_id_idx" ON "fuel_logs"("tenant_id", "vehicle_id", "id");

-- CreateIndex
CREATE INDEX "fuel_logs_tenant_id_vehicle_id_date_idx" ON "fuel_logs"("tenant_id", "vehicle_id", "date");

-- CreateIndex
CREATE UNIQUE INDEX "fuel_logs_tenant_id_id_key" ON "fuel_logs"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "maintenance_logs_tenant_id_vehicle_id_id_idx" ON "maintenance_logs"("tenant_id", "vehicle_id", "id");

-- CreateIndex
CREATE INDEX "maintenance_logs_tenant_id_vehicle_id_date_idx" ON "maintenance_logs"("tenant_id", "vehicle_id", "date");

-- CreateIndex
CREATE UNIQUE INDEX "maintenance_logs_tenant_id_id_key" ON "maintenance_logs"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "service_reminders_tenant_id_due_date_idx" ON "service_reminders"("tenant_id", "due_date");

-- CreateIndex
CREATE UNIQUE INDEX "service_reminders_tenant_id_id_key" ON "service_reminders"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "service_reminders_tenant_id_vehicle_id_kind_key" ON "service_reminders"("tenant_id", "vehicle_id", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_events_seq_key" ON "outbox_events"("seq");

-- CreateIndex
CREATE INDEX "outbox_events_published_at_seq_idx" ON "outbox_events"("published_at", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "dead_letters_consumer_stream_stream_seq_key" ON "dead_letters"("consumer", "stream", "stream_seq");

-- AddForeignKey
ALTER TABLE "driver_assignments" ADD CONSTRAINT "driver_assignments_tenant_id_vehicle_id_fkey" FOREIGN KEY ("tenant_id", "vehicle_id") REFERENCES "vehicles"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "trips" ADD CONSTRAINT "trips_tenant_id_vehicle_id_fkey" FOREIGN KEY ("tenant_id", "vehicle_id") REFERENCES "vehicles"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fuel_logs" ADD CONSTRAINT "fuel_logs_tenant_id_vehicle_id_fkey" FOREIGN KEY ("tenant_id", "vehicle_id") REFERENCES "vehicles"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "maintenance_logs" ADD CONSTRAINT "maintenance_logs_tenant_id_vehicle_id_fkey" FOREIGN KEY ("tenant_id", "vehicle_id") REFERENCES "vehicles"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_reminders" ADD CONSTRAINT "service_reminders_tenant_id_vehicle_id_fkey" FOREIGN KEY ("tenant_id", "vehicle_id") REFERENCES "vehicles"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Tenant isolation (hand-written; Prisma does not model RLS)

-- The tenant of the current transaction: services set it with set_config('tessera.tenant_id', <uuid>, true),
-- so it ends with the transaction. Unset (or '') means no tenant, which no row matches.
CREATE FUNCTION tessera_current_tenant() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT NULLIF(current_setting('tessera.tenant_id', true), '')::uuid $$;

ALTER TABLE "vehicles" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "vehicles" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "vehicles" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "driver_assignments" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "driver_assignments" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "driver_assignments" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "trips" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "trips" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "trips" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "fuel_logs" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "fuel_logs" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "fuel_logs" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "maintenance_logs" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "maintenance_logs" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "maintenance_logs" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "service_reminders" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "service_reminders" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "service_reminders" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

-- Logs are history: the app may add them, never change or remove them.
GRANT SELECT, INSERT, UPDATE ON "vehicles", "service_reminders" TO tessera_app;
GRANT SELECT, INSERT, DELETE ON "driver_assignments" TO tessera_app;
GRANT SELECT, INSERT ON "trips", "fuel_logs", "maintenance_logs" TO tessera_app;

-- Invariants the services keep, kept by the database too (hand-written; Prisma does not model CHECK constraints).
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_vin_format" CHECK (vin ~ '^[A-HJ-NPR-Z0-9]{17}$');
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_plate_normalized" CHECK (normalized_plate <> '' AND normalized_plate = upper(normalized_plate));
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_year_range" CHECK (year >= 1886);
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_odometer_not_negative" CHECK (odometer >= 0);
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_currency_code" CHECK (currency ~ '^[A-Z]{3}$');
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_retired_at_when_retired" CHECK ((status = 'RETIRED') = (retired_at IS NOT NULL));

ALTER TABLE "trips" ADD CONSTRAINT "trips_odometer_forward" CHECK (start_odometer >= 0 AND end_odometer >= start_odometer);
ALTER TABLE "trips" ADD CONSTRAINT "trips_time_forward" CHECK (ended_at >= started_at);
ALTER TABLE "fuel_logs" ADD CONSTRAINT "fuel_logs_quantity_positive" CHECK (quantity > 0);
ALTER TABLE "fuel_logs" ADD CONSTRAINT "fuel_logs_cost_not_negative" CHECK (cost >= 0);
ALTER TABLE "fuel_logs" ADD CONSTRAINT "fuel_logs_odometer_not_negative" CHECK (odometer >= 0);
ALTER TABLE "fuel_logs" ADD CONSTRAINT "fuel_logs_currency_code" CHECK (currency ~ '^[A-Z]{3}$');
ALTER TABLE "maintenance_logs" ADD CONSTRAINT "maintenance_logs_cost_not_negative" CHECK (cost >= 0);
ALTER TABLE "maintenance_logs" ADD CONSTRAINT "maintenance_logs_odometer_not_negative" CHECK (odometer >= 0);
ALTER TABLE "maintenance_logs" ADD CONSTRAINT "maintenance_logs_currency_code" CHECK (currency ~ '^[A-Z]{3}$');
ALTER TABLE "service_reminders" ADD CONSTRAINT "service_reminders_interval" CHECK (
  (every_distance IS NOT NULL OR every_months IS NOT NULL)
  AND (every_distance IS NULL OR every_distance > 0)
  AND (every_months IS NULL OR every_months BETWEEN 1 AND 120)
  AND (every_distance IS NULL) = (due_odometer IS NULL)
  AND (every_months IS NULL) = (due_date IS NULL)
  AND last_service_odometer >= 0
);

-- The odometer never goes backwards: whatever the application does, an UPDATE lowering a vehicle's
-- reading (or changing its unit or currency, which would reinterpret every reading and cost) fails.
CREATE FUNCTION fleet_vehicle_odometer_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.odometer < OLD.odometer THEN
    RAISE EXCEPTION 'odometer of vehicle % cannot go back from % to %', OLD.id, OLD.odometer, NEW.odometer USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.odometer_unit <> OLD.odometer_unit OR NEW.currency <> OLD.currency THEN
    RAISE EXCEPTION 'odometer unit and currency of vehicle % are fixed', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER vehicles_odometer_forward BEFORE UPDATE ON "vehicles" FOR EACH ROW EXECUTE FUNCTION fleet_vehicle_odometer_forward();

-- No two trips of a vehicle cover the same stretch of odometer (half-open ranges: one trip may start
-- where another ended). btree_gist is a trusted extension since PostgreSQL 13.
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE "trips" ADD CONSTRAINT "trips_no_overlapping_readings"
  EXCLUDE USING gist (tenant_id WITH =, vehicle_id WITH =, int4range(start_odometer, end_odometer, '[)') WITH &&);

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
