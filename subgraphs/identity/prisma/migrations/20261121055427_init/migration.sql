-- CreateEnum
CREATE TYPE "Plan" AS ENUM ('FREE', 'BUSINESS');

-- CreateEnum
CREATE TYPE "ModuleKey" AS ENUM ('CRM', 'INVOICING', 'HR', 'PAYROLL', 'PROJECTS', 'BOOKING', 'COMMERCE', 'POS', 'ANALYTICS', 'FLEET');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('OWNER', 'ADMIN', 'MEMBER');

-- CreateTable
CREATE TABLE "tenants" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "plan" "Plan" NOT NULL,
    "enabled_modules" "ModuleKey"[],
    "default_currency" CHAR(3) NOT NULL DEFAULT 'USD',
    "display_name" TEXT,
    "primary_color" TEXT NOT NULL DEFAULT '#4f46e5',
    "logo_url" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tenants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "password_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "users_tenant_id_idx" ON "users"("tenant_id");

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tenant isolation (hand-written; Prisma does not model RLS)

-- The tenant of the current transaction: services set it with set_config('tessera.tenant_id', <uuid>, true),
-- so it ends with the transaction. Unset (or '') means no tenant, which no row matches.
CREATE FUNCTION tessera_current_tenant() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT NULLIF(current_setting('tessera.tenant_id', true), '')::uuid $$;

ALTER TABLE "tenants" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tenants" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "tenants" USING (id = tessera_current_tenant()) WITH CHECK (id = tessera_current_tenant());

ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "users" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "users" USING (tenant_id = tessera_current_tenant()) WITH CHECK (tenant_id = tessera_current_tenant());

-- Emails are stored lowercase, so the unique index is case-insensitive and the login lookup can use it.
ALTER TABLE "users" ADD CONSTRAINT "users_email_lowercase" CHECK (email = lower(email));

GRANT SELECT, INSERT, UPDATE, DELETE ON "tenants", "users" TO tessera_app;

-- Login: the one read that cannot know its tenant yet. A SECURITY DEFINER function owned by the
-- NOLOGIN role tessera_login, which may read only the credential columns of users, through a policy
-- of its own; tessera_app may call it but still cannot read users across tenants.
CREATE FUNCTION identity_login_lookup(p_email text) RETURNS TABLE(user_id uuid, tenant_id uuid, password_hash text) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$ SELECT id, tenant_id, password_hash FROM users WHERE email = lower(p_email) $$;
REVOKE ALL ON FUNCTION identity_login_lookup(text) FROM PUBLIC;
GRANT SELECT (id, tenant_id, email, password_hash) ON "users" TO tessera_login;
CREATE POLICY login_lookup ON "users" FOR SELECT TO tessera_login USING (true);
-- PostgreSQL lets a function pass to a new owner only if that owner may CREATE in its schema: grant it for this one statement.
GRANT CREATE ON SCHEMA public TO tessera_login;
ALTER FUNCTION identity_login_lookup(text) OWNER TO tessera_login;
REVOKE CREATE ON SCHEMA public FROM tessera_login;
GRANT EXECUTE ON FUNCTION identity_login_lookup(text) TO tessera_app;
