-- CreateTable
CREATE TABLE "refresh_tokens" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "family_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "token_version" INTEGER NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "refresh_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "refresh_tokens_token_hash_key" ON "refresh_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "refresh_tokens_tenant_id_family_id_idx" ON "refresh_tokens"("tenant_id", "family_id");

-- AddForeignKey
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tenant isolation (written by `npm run db:migration`; Prisma does not model RLS)

ALTER TABLE "refresh_tokens" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "refresh_tokens" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "refresh_tokens" USING ("tenant_id" = tessera_current_tenant()) WITH CHECK ("tenant_id" = tessera_current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON "refresh_tokens" TO tessera_app;

-- Refreshing a session is, like login, a read that cannot know its tenant yet: a SECURITY DEFINER
-- function owned by tessera_login returns the id and tenant of the one row with this token hash; the
-- rest happens in that tenant's transaction, under row-level security.
CREATE FUNCTION identity_refresh_token_lookup(p_token_hash text) RETURNS TABLE(refresh_token_id uuid, tenant_id uuid) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$ SELECT id, tenant_id FROM refresh_tokens WHERE token_hash = p_token_hash $$;
REVOKE ALL ON FUNCTION identity_refresh_token_lookup(text) FROM PUBLIC;
GRANT SELECT (id, tenant_id, token_hash) ON "refresh_tokens" TO tessera_login;
CREATE POLICY refresh_token_lookup ON "refresh_tokens" FOR SELECT TO tessera_login USING (true);
GRANT CREATE ON SCHEMA public TO tessera_login;
ALTER FUNCTION identity_refresh_token_lookup(text) OWNER TO tessera_login;
REVOKE CREATE ON SCHEMA public FROM tessera_login;
GRANT EXECUTE ON FUNCTION identity_refresh_token_lookup(text) TO tessera_app;
