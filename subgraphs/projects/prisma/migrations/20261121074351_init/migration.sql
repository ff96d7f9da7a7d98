-- CreateEnum
CREATE TYPE "project_status" AS ENUM ('PLANNED', 'ACTIVE', 'ON_HOLD', 'COMPLETED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "task_state" AS ENUM ('TODO', 'IN_PROGRESS', 'BLOCKED', 'DONE', 'CANCELLED');

-- CreateTable
CREATE TABLE "projects" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "status" "project_status" NOT NULL DEFAULT 'PLANNED',
    "contact_id" UUID,
    "deal_id" UUID,
    "start_date" DATE,
    "due_date" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "projects_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "board_columns" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "board_columns_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "milestones" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "due_date" DATE,
    "done" BOOLEAN NOT NULL DEFAULT false,
    "completed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "milestones_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tasks" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "column_id" UUID NOT NULL,
    "milestone_id" UUID,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "state" "task_state" NOT NULL DEFAULT 'TODO',
    "position" INTEGER NOT NULL,
    "due_date" DATE,
    "completed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_assignees" (
    "tenant_id" UUID NOT NULL,
    "task_id" UUID NOT NULL,
    "employee_id" UUID NOT NULL,
    "assigned_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "task_assignees_pkey" PRIMARY KEY ("tenant_id","task_id","employee_id")
);

-- CreateTable
CREATE TABLE "time_entries" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "task_id" UUID NOT NULL,
    "employee_id" UUID NOT NULL,
    "date" DATE NOT NULL,
    "minutes" INTEGER NOT NULL,
    "note" TEXT,
    "billable" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "time_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project_templates" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "columns" TEXT[],
    "task_titles" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "project_templates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project_settings" (
    "tenant_id" UUID NOT NULL,
    "deal_won_template_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "project_settings_pkey" PRIMARY KEY ("tenant_id")
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
CREATE INDEX "projects_tenant_id_contact_id_id_idx" ON "projects"("tenant_id", "contact_id", "id");

-- CreateIndex
CREATE INDEX "projects_tenant_id_status_id_idx" ON "projects"("tenant_id", "status", "id");

-- CreateIndex
CREATE UNIQUE INDEX "projects_tenant_id_id_key" ON "projects"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "projects_tenant_id_deal_id_key" ON "projects"("tenant_id", "deal_id");

-- CreateIndex
CREATE UNIQUE INDEX "board_columns_tenant_id_id_key" ON "board_columns"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "board_columns_tenant_id_project_id_id_key" ON "board_columns"("tenant_id", "project_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "board_columns_tenant_id_project_id_position_key" ON "board_columns"("tenant_id", "project_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "milestones_tenant_id_id_key" ON "milestones"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "milestones_tenant_id_project_id_id_key" ON "milestones"("tenant_id", "project_id", "id");

-- CreateIndex
CREATE INDEX "tasks_tenant_id_project_id_state_idx" ON "tasks"("tenant_id", "project_id", "state");

-- CreateIndex
CREATE INDEX "tasks_tenant_id_column_id_position_idx" ON "tasks"("tenant_id", "column_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "tasks_tenant_id_id_key" ON "tasks"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "tasks_tenant_id_project_id_id_key" ON "tasks"("tenant_id", "project_id", "id");

-- CreateIndex
CREATE INDEX "task_assignees_tenant_id_employee_id_idx" ON "task_assignees"("tenant_id", "employee_id");

-- CreateIndex
CREATE INDEX "time_entries_tenant_id_task_id_idx" ON "time_entries"("tenant_id", "task_id");

-- CreateIndex
CREATE INDEX "time_entries_tenant_id_project_id_idx" ON "time_entries"("tenant_id", "project_id");

-- CreateIndex
CREATE UNIQUE INDEX "time_entries_tenant_id_id_key" ON "time_entries"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "project_templates_tenant_id_id_key" ON "project_templates"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_events_seq_key" ON "outbox_events"("seq");

-- CreateIndex
CREATE INDEX "outbox_events_published_at_seq_idx" ON "outbox_events"("published_at", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "dead_letters_consumer_stream_stream_seq_key" ON "dead_letters"("consumer", "stream", "stream_seq");

-- AddForeignKey
ALTER TABLE "board_columns" ADD CONSTRAINT "board_columns_tenant_id_project_id_fkey" FOREIGN KEY ("tenant_id", "project_id") REFERENCES "projects"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_tenant_id_project_id_fkey" FOREIGN KEY ("tenant_id", "project_id") REFERENCES "projects"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_tenant_id_project_id_fkey" FOREIGN KEY ("tenant_id", "project_id") REFERENCES "projects"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_tenant_id_project_id_column_id_fkey" FOREIGN KEY ("tenant_id", "project_id", "column_id") REFERENCES "board_columns"("tenant_id", "project_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_tenant_id_project_id_milestone_id_fkey" FOREIGN KEY ("tenant_id", "project_id", "milestone_id") REFERENCES "milestones"("tenant_id", "project_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_assignees" ADD CONSTRAINT "task_assignees_tenant_id_task_id_fkey" FOREIGN KEY ("tenant_id", "task_id") REFERENCES "tasks"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_tenant_id_project_id_task_id_fkey" FOREIGN KEY ("tenant_id", "project_id", "task_id") REFERENCES "tasks"("tenant_id", "project_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_settings" ADD CONSTRAINT "project_settings_tenant_id_deal_won_template_id_fkey" FOREIGN KEY ("tenant_id", "deal_won_template_id") REFERENCES "project_templates"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Tenant isolation (hand-written; Prisma does not model RLS)

-- The tenant of the current transaction: services set it with set_config('tessera.tenant_id', <uuid>, true),
-- so it ends with the transaction. Unset (or '') means no tenant, which no row matches.
CREATE FUNCTION tessera_current_tenant() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT NULLIF(current_setting('tessera.tenant_id', true), '')::uuid $$;

ALTER TABLE "projects" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "projects" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "projects" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "board_columns" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "board_columns" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "board_columns" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "milestones" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "milestones" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "milestones" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "tasks" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tasks" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "tasks" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "task_assignees" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "task_assignees" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "task_assignees" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "time_entries" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "time_entries" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "time_entries" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "project_templates" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "project_templates" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "project_templates" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "project_settings" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "project_settings" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "project_settings" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

GRANT SELECT, INSERT, UPDATE ON "projects", "board_columns", "milestones", "tasks", "time_entries", "project_templates", "project_settings" TO tessera_app;
GRANT SELECT, INSERT, DELETE ON "task_assignees" TO tessera_app;

-- Invariants the services keep, kept by the database too (hand-written; Prisma does not model CHECK constraints).
ALTER TABLE "projects" ADD CONSTRAINT "projects_name_present" CHECK (length(btrim(name)) > 0);
ALTER TABLE "projects" ADD CONSTRAINT "projects_dates_ordered" CHECK (start_date IS NULL OR due_date IS NULL OR start_date <= due_date);
ALTER TABLE "board_columns" ADD CONSTRAINT "board_columns_position_nonnegative" CHECK (position >= 0);
ALTER TABLE "board_columns" ADD CONSTRAINT "board_columns_name_present" CHECK (length(btrim(name)) > 0);
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_completed_when_done" CHECK (done = (completed_at IS NOT NULL));
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_position_nonnegative" CHECK (position >= 0);
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_title_present" CHECK (length(btrim(title)) > 0);
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_completed_when_done" CHECK ((state = 'DONE') = (completed_at IS NOT NULL));
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_minutes_range" CHECK (minutes > 0 AND minutes <= 1440);
ALTER TABLE "project_templates" ADD CONSTRAINT "project_templates_columns_present" CHECK (cardinality(columns) > 0);


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
