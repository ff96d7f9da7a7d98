-- CreateEnum
CREATE TYPE "stock_location_kind" AS ENUM ('WAREHOUSE', 'SHOP');

-- CreateEnum
CREATE TYPE "stock_movement_kind" AS ENUM ('RECEIVED', 'SOLD', 'RESERVED', 'RELEASED', 'ADJUSTED', 'RETURNED', 'TRANSFERRED');

-- CreateEnum
CREATE TYPE "order_status" AS ENUM ('UNCONFIRMED', 'UNFULFILLED', 'PARTIALLY_FULFILLED', 'FULFILLED', 'CANCELED', 'RETURNED');

-- CreateTable
CREATE TABLE "products" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "products_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "variants" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "options" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "variants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "variant_prices" (
    "tenant_id" UUID NOT NULL,
    "variant_id" UUID NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "amount" DECIMAL(19,4) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "variant_prices_pkey" PRIMARY KEY ("tenant_id","variant_id","currency")
);

-- CreateTable
CREATE TABLE "stock_locations" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "normalized_name" TEXT NOT NULL,
    "kind" "stock_location_kind" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stock_locations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stock_levels" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "variant_id" UUID NOT NULL,
    "location_id" UUID NOT NULL,
    "on_hand" INTEGER NOT NULL DEFAULT 0,
    "reserved" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stock_levels_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stock_movements" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "variant_id" UUID NOT NULL,
    "location_id" UUID NOT NULL,
    "kind" "stock_movement_kind" NOT NULL,
    "quantity" INTEGER NOT NULL,
    "on_hand_change" INTEGER NOT NULL,
    "reserved_change" INTEGER NOT NULL,
    "order_id" UUID,
    "source_event" TEXT,
    "source_line" INTEGER,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stock_movements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_number_sequences" (
    "tenant_id" UUID NOT NULL,
    "last_value" INTEGER NOT NULL,

    CONSTRAINT "order_number_sequences_pkey" PRIMARY KEY ("tenant_id")
);

-- CreateTable
CREATE TABLE "orders" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "contact_id" UUID,
    "currency" CHAR(3) NOT NULL,
    "status" "order_status" NOT NULL DEFAULT 'UNCONFIRMED',
    "location_id" UUID NOT NULL,
    "total" DECIMAL(19,4) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "confirmed_at" TIMESTAMPTZ(3),
    "fulfilled_at" TIMESTAMPTZ(3),
    "canceled_at" TIMESTAMPTZ(3),
    "returned_at" TIMESTAMPTZ(3),

    CONSTRAINT "orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_lines" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "variant_id" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "fulfilled_quantity" INTEGER NOT NULL DEFAULT 0,
    "unit_price" DECIMAL(19,4) NOT NULL,
    "line_total" DECIMAL(19,4) NOT NULL,

    CONSTRAINT "order_lines_pkey" PRIMARY KEY ("id")
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
CREATE UNIQUE INDEX "products_tenant_id_id_key" ON "products"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "variants_tenant_id_product_id_id_idx" ON "variants"("tenant_id", "product_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "variants_tenant_id_id_key" ON "variants"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "variants_tenant_id_sku_key" ON "variants"("tenant_id", "sku");

-- CreateIndex
CREATE UNIQUE INDEX "stock_locations_tenant_id_id_key" ON "stock_locations"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "stock_locations_tenant_id_normalized_name_key" ON "stock_locations"("tenant_id", "normalized_name");

-- CreateIndex
CREATE INDEX "stock_levels_tenant_id_location_id_variant_id_idx" ON "stock_levels"("tenant_id", "location_id", "variant_id");

-- CreateIndex
CREATE UNIQUE INDEX "stock_levels_tenant_id_id_key" ON "stock_levels"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "stock_levels_tenant_id_variant_id_location_id_key" ON "stock_levels"("tenant_id", "variant_id", "location_id");

-- CreateIndex
CREATE INDEX "stock_movements_tenant_id_variant_id_location_id_id_idx" ON "stock_movements"("tenant_id", "variant_id", "location_id", "id");

-- CreateIndex
CREATE INDEX "stock_movements_tenant_id_location_id_id_idx" ON "stock_movements"("tenant_id", "location_id", "id");

-- CreateIndex
CREATE INDEX "stock_movements_tenant_id_order_id_idx" ON "stock_movements"("tenant_id", "order_id");

-- CreateIndex
CREATE UNIQUE INDEX "stock_movements_tenant_id_id_key" ON "stock_movements"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "stock_movements_tenant_id_source_event_source_line_key" ON "stock_movements"("tenant_id", "source_event", "source_line");

-- CreateIndex
CREATE INDEX "orders_tenant_id_contact_id_id_idx" ON "orders"("tenant_id", "contact_id", "id");

-- CreateIndex
CREATE INDEX "orders_tenant_id_status_id_idx" ON "orders"("tenant_id", "status", "id");

-- CreateIndex
CREATE UNIQUE INDEX "orders_tenant_id_id_key" ON "orders"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "orders_tenant_id_number_key" ON "orders"("tenant_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "order_lines_tenant_id_id_key" ON "order_lines"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "order_lines_tenant_id_order_id_position_key" ON "order_lines"("tenant_id", "order_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_events_seq_key" ON "outbox_events"("seq");

-- CreateIndex
CREATE INDEX "outbox_events_published_at_seq_idx" ON "outbox_events"("published_at", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "dead_letters_consumer_stream_stream_seq_key" ON "dead_letters"("consumer", "stream", "stream_seq");

-- AddForeignKey
ALTER TABLE "variants" ADD CONSTRAINT "variants_tenant_id_product_id_fkey" FOREIGN KEY ("tenant_id", "product_id") REFERENCES "products"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "variant_prices" ADD CONSTRAINT "variant_prices_tenant_id_variant_id_fkey" FOREIGN KEY ("tenant_id", "variant_id") REFERENCES "variants"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_tenant_id_variant_id_fkey" FOREIGN KEY ("tenant_id", "variant_id") REFERENCES "variants"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_tenant_id_location_id_fkey" FOREIGN KEY ("tenant_id", "location_id") REFERENCES "stock_locations"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_tenant_id_variant_id_fkey" FOREIGN KEY ("tenant_id", "variant_id") REFERENCES "variants"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_tenant_id_location_id_fkey" FOREIGN KEY ("tenant_id", "location_id") REFERENCES "stock_locations"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_tenant_id_order_id_fkey" FOREIGN KEY ("tenant_id", "order_id") REFERENCES "orders"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_tenant_id_location_id_fkey" FOREIGN KEY ("tenant_id", "location_id") REFERENCES "stock_locations"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_tenant_id_order_id_fkey" FOREIGN KEY ("tenant_id", "order_id") REFERENCES "orders"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_tenant_id_variant_id_fkey" FOREIGN KEY ("tenant_id", "variant_id") REFERENCES "variants"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Tenant isolation (hand-written; Prisma does not model RLS, grants or constraints).
CREATE FUNCTION tessera_current_tenant() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT NULLIF(current_setting('tessera.tenant_id', true), '')::uuid $$;

ALTER TABLE "products" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "products" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "products" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "variants" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "variants" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "variants" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "variant_prices" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "variant_prices" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "variant_prices" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "stock_locations" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "stock_locations" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "stock_locations" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "stock_levels" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "stock_levels" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "stock_levels" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "stock_movements" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "stock_movements" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "stock_movements" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "order_number_sequences" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "order_number_sequences" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "order_number_sequences" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "orders" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "orders" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "orders" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "order_lines" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "order_lines" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "order_lines" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

-- Nothing is deleted; stock movements are append-only (the balance rows change only through them).
GRANT SELECT, INSERT, UPDATE ON "products", "variants", "variant_prices", "stock_locations", "stock_levels", "order_number_sequences", "orders", "order_lines" TO tessera_app;
GRANT SELECT, INSERT ON "stock_movements" TO tessera_app;

-- Invariants the services keep, kept by the database too.
ALTER TABLE "products" ADD CONSTRAINT "products_name_present" CHECK (btrim("name") <> '');
ALTER TABLE "variants"
  ADD CONSTRAINT "variants_sku_present" CHECK (btrim("sku") <> '' AND btrim("name") <> ''),
  ADD CONSTRAINT "variants_options_array" CHECK (jsonb_typeof("options") = 'array');
ALTER TABLE "variant_prices" ADD CONSTRAINT "variant_prices_valid" CHECK ("amount" >= 0 AND "currency" ~ '^[A-Z]{3}$');
ALTER TABLE "stock_locations" ADD CONSTRAINT "stock_locations_name_present" CHECK (btrim("name") <> '');
-- Stock can never go below zero: nothing reserved beyond what is on hand (available = on_hand - reserved >= 0).
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_never_negative" CHECK ("reserved" >= 0 AND "on_hand" >= "reserved");
-- What each kind of movement may do to the balance.
ALTER TABLE "stock_movements"
  ADD CONSTRAINT "stock_movements_nonzero" CHECK ("quantity" <> 0),
  ADD CONSTRAINT "stock_movements_effect" CHECK (CASE "kind"
    WHEN 'RECEIVED' THEN "quantity" > 0 AND "on_hand_change" = "quantity" AND "reserved_change" = 0
    WHEN 'SOLD' THEN "quantity" > 0 AND "on_hand_change" = -"quantity" AND "reserved_change" IN (0, -"quantity")
    WHEN 'RESERVED' THEN "quantity" > 0 AND "on_hand_change" = 0 AND "reserved_change" = "quantity"
    WHEN 'RELEASED' THEN "quantity" > 0 AND "on_hand_change" = 0 AND "reserved_change" = -"quantity"
    WHEN 'ADJUSTED' THEN "on_hand_change" = "quantity" AND "reserved_change" = 0
    WHEN 'RETURNED' THEN "quantity" > 0 AND "on_hand_change" = "quantity" AND "reserved_change" = 0
    WHEN 'TRANSFERRED' THEN "on_hand_change" = "quantity" AND "reserved_change" = 0
  END),
  ADD CONSTRAINT "stock_movements_source_complete" CHECK (("source_event" IS NULL) = ("source_line" IS NULL));
ALTER TABLE "order_number_sequences" ADD CONSTRAINT "order_number_sequences_positive" CHECK ("last_value" > 0);
ALTER TABLE "orders"
  ADD CONSTRAINT "orders_valid" CHECK ("currency" ~ '^[A-Z]{3}$' AND "total" >= 0 AND "number" ~ '^ORD-[0-9]{6,}$'),
  ADD CONSTRAINT "orders_confirmed_at_when_confirmed" CHECK (("confirmed_at" IS NOT NULL) = ("status" IN ('UNFULFILLED', 'PARTIALLY_FULFILLED', 'FULFILLED', 'RETURNED') OR ("status" = 'CANCELED' AND "confirmed_at" IS NOT NULL))),
  ADD CONSTRAINT "orders_fulfilled_at_when_fulfilled" CHECK (("fulfilled_at" IS NOT NULL) = ("status" IN ('FULFILLED', 'RETURNED'))),
  ADD CONSTRAINT "orders_canceled_at_when_canceled" CHECK (("canceled_at" IS NOT NULL) = ("status" = 'CANCELED')),
  ADD CONSTRAINT "orders_returned_at_when_returned" CHECK (("returned_at" IS NOT NULL) = ("status" = 'RETURNED'));
ALTER TABLE "order_lines"
  ADD CONSTRAINT "order_lines_valid" CHECK ("quantity" > 0 AND "fulfilled_quantity" BETWEEN 0 AND "quantity" AND "unit_price" >= 0 AND "line_total" = "unit_price" * "quantity");

-- The balance of (variant, location) is the sum of its movements: every movement applies its change
-- to the balance row in the same statement's transaction (the row is created by the first movement).
-- A movement that would take the balance below zero violates stock_levels_never_negative and fails.
CREATE FUNCTION commerce_apply_stock_movement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A zero row first (CHECKs apply to a proposed row even when it conflicts), then the change.
  INSERT INTO stock_levels (id, tenant_id, variant_id, location_id, on_hand, reserved, updated_at)
  VALUES (gen_random_uuid(), NEW.tenant_id, NEW.variant_id, NEW.location_id, 0, 0, NEW.created_at)
  ON CONFLICT (tenant_id, variant_id, location_id) DO NOTHING;
  UPDATE stock_levels
    SET on_hand = on_hand + NEW.on_hand_change, reserved = reserved + NEW.reserved_change, updated_at = NEW.created_at
    WHERE tenant_id = NEW.tenant_id AND variant_id = NEW.variant_id AND location_id = NEW.location_id;
  RETURN NULL;
END $$;
CREATE TRIGGER stock_movements_apply AFTER INSERT ON "stock_movements" FOR EACH ROW EXECUTE FUNCTION commerce_apply_stock_movement();


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
