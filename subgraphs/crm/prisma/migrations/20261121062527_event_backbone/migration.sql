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
CREATE UNIQUE INDEX "outbox_events_seq_key" ON "outbox_events"("seq");

-- CreateIndex
CREATE INDEX "outbox_events_published_at_seq_idx" ON "outbox_events"("published_at", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "dead_letters_consumer_stream_stream_seq_key" ON "dead_letters"("consumer", "stream", "stream_seq");

-- Event backbone (hand-written; Prisma does not model RLS, grants or functions).
-- The app role writes outbox rows and reads/writes its inbox inside tenant transactions, under the
-- same tenant policies as every other table. Two things cannot know a tenant in advance: the relay,
-- which publishes every tenant's outbox rows in order, and the dead-letter record of a message that
-- may not even name a tenant. Both go through SECURITY DEFINER functions owned by the NOLOGIN role
-- tessera_events, the only role whose policies see across tenants; RLS is never switched off.

ALTER TABLE "outbox_events" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "outbox_events" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "outbox_events" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());
CREATE POLICY relay ON "outbox_events" TO tessera_events USING (true) WITH CHECK (true);

ALTER TABLE "inbox_events" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "inbox_events" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "inbox_events" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "dead_letters" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "dead_letters" FORCE ROW LEVEL SECURITY;
CREATE POLICY operators ON "dead_letters" TO tessera_events USING (true) WITH CHECK (true);

GRANT SELECT, INSERT ON "outbox_events" TO tessera_app;
GRANT USAGE ON SEQUENCE "outbox_events_seq_seq" TO tessera_app;
GRANT SELECT, INSERT ON "inbox_events" TO tessera_app;
GRANT SELECT, UPDATE ON "outbox_events" TO tessera_events;
GRANT SELECT, INSERT ON "dead_letters" TO tessera_events;

-- The relay's batch: unpublished rows under one subject prefix (`crm.`, or `<namespace>.crm.`) in
-- publication order. Call inside a transaction holding the relay's advisory lock for that prefix,
-- so one relay at a time publishes them and order per aggregate holds.
CREATE FUNCTION tessera_outbox_pending(p_limit integer, p_subject_prefix text) RETURNS TABLE(id uuid, seq bigint, subject text, envelope jsonb) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$ SELECT id, seq, subject, envelope FROM outbox_events WHERE published_at IS NULL AND starts_with(subject, p_subject_prefix) ORDER BY seq LIMIT p_limit $$;
-- Marks rows the server has acknowledged; returns how many were still unpublished.
CREATE FUNCTION tessera_outbox_mark_published(p_ids uuid[]) RETURNS integer LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$ WITH marked AS (UPDATE outbox_events SET published_at = now() WHERE id = ANY(p_ids) AND published_at IS NULL RETURNING 1) SELECT count(*)::integer FROM marked $$;
-- Records a message a consumer gave up on; the same stream message is recorded once per consumer.
CREATE FUNCTION tessera_dead_letter_record(p_consumer text, p_stream text, p_stream_seq bigint, p_subject text, p_tenant_id uuid, p_event_id uuid, p_type text, p_payload text, p_error text, p_deliveries integer) RETURNS void LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$ INSERT INTO dead_letters (id, consumer, stream, stream_seq, subject, tenant_id, event_id, type, payload, error, deliveries) VALUES (gen_random_uuid(), p_consumer, p_stream, p_stream_seq, p_subject, p_tenant_id, p_event_id, p_type, p_payload, p_error, p_deliveries) ON CONFLICT (consumer, stream, stream_seq) DO NOTHING $$;
REVOKE ALL ON FUNCTION tessera_outbox_pending(integer, text), tessera_outbox_mark_published(uuid[]), tessera_dead_letter_record(text, text, bigint, text, uuid, uuid, text, text, text, integer) FROM PUBLIC;
GRANT CREATE ON SCHEMA public TO tessera_events;
ALTER FUNCTION tessera_outbox_pending(integer, text) OWNER TO tessera_events;
ALTER FUNCTION tessera_outbox_mark_published(uuid[]) OWNER TO tessera_events;
ALTER FUNCTION tessera_dead_letter_record(text, text, bigint, text, uuid, uuid, text, text, text, integer) OWNER TO tessera_events;
REVOKE CREATE ON SCHEMA public FROM tessera_events;
GRANT EXECUTE ON FUNCTION tessera_outbox_pending(integer, text), tessera_outbox_mark_published(uuid[]), tessera_dead_letter_record(text, text, bigint, text, uuid, uuid, text, text, text, integer) TO tessera_app;

-- Wakes the relay when events commit (NOTIFY is delivered at commit; one per statement is enough).
CREATE FUNCTION tessera_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('tessera_outbox', ''); RETURN NULL; END $$;
CREATE TRIGGER outbox_events_notify AFTER INSERT ON "outbox_events" FOR EACH STATEMENT EXECUTE FUNCTION tessera_outbox_notify();
