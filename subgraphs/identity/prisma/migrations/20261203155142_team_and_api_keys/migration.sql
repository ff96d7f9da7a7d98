-- CreateEnum
CREATE TYPE "ApiKeyAccess" AS ENUM ('READ', 'READ_WRITE');

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "deactivated_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "invitations" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "token_hash" TEXT NOT NULL,
    "invited_by" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "accepted_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "modules" TEXT[],
    "access" "ApiKeyAccess" NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "hint" TEXT NOT NULL,
    "created_by" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations"("token_hash");

-- CreateIndex
CREATE INDEX "invitations_tenant_id_created_at_idx" ON "invitations"("tenant_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_secret_hash_key" ON "api_keys"("secret_hash");

-- CreateIndex
CREATE INDEX "api_keys_tenant_id_created_at_idx" ON "api_keys"("tenant_id", "created_at");

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tenant isolation (written by `npm run db:migration`; Prisma does not model RLS)

ALTER TABLE "invitations" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "invitations" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "invitations" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

ALTER TABLE "api_keys" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "api_keys" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "api_keys" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON "invitations", "api_keys" TO tessera_app;

-- Accepting an invitation and authenticating an API key are, like login, reads that cannot know their
-- tenant yet. Each is a SECURITY DEFINER function owned by tessera_login that returns only the id and
-- the tenant of one row found by the SHA-256 of its secret; the rest happens in that tenant's
-- transaction, under row-level security.
CREATE FUNCTION identity_invitation_lookup(p_token_hash text) RETURNS TABLE(invitation_id uuid, tenant_id uuid) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$ SELECT id, tenant_id FROM invitations WHERE token_hash = p_token_hash $$;
CREATE FUNCTION identity_api_key_lookup(p_secret_hash text) RETURNS TABLE(api_key_id uuid, tenant_id uuid) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$ SELECT id, tenant_id FROM api_keys WHERE secret_hash = p_secret_hash $$;
REVOKE ALL ON FUNCTION identity_invitation_lookup(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION identity_api_key_lookup(text) FROM PUBLIC;
GRANT SELECT (id, tenant_id, token_hash) ON "invitations" TO tessera_login;
GRANT SELECT (id, tenant_id, secret_hash) ON "api_keys" TO tessera_login;
CREATE POLICY invitation_lookup ON "invitations" FOR SELECT TO tessera_login USING (true);
CREATE POLICY api_key_lookup ON "api_keys" FOR SELECT TO tessera_login USING (true);
GRANT CREATE ON SCHEMA public TO tessera_login;
ALTER FUNCTION identity_invitation_lookup(text) OWNER TO tessera_login;
ALTER FUNCTION identity_api_key_lookup(text) OWNER TO tessera_login;
REVOKE CREATE ON SCHEMA public FROM tessera_login;
GRANT EXECUTE ON FUNCTION identity_invitation_lookup(text) TO tessera_app;
GRANT EXECUTE ON FUNCTION identity_api_key_lookup(text) TO tessera_app;
