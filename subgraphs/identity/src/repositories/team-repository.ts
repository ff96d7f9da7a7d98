import type { Page, PageWindow } from '@tessera/service-kit';
import type { ApiKey, ApiKeyAccess, Invitation, Role } from '../generated/prisma/client.js';
import type { IdentityDb, IdentityTx } from '../db.js';

/** An invitation as resolvers see it: the accept token only on the answer that made it. */
export type InvitationRecord = Invitation & { acceptToken?: string };

export interface NewInvitation {
  email: string;
  role: Role;
  tokenHash: string;
  invitedBy: string;
  expiresAt: Date;
}

export interface NewApiKey {
  name: string;
  modules: string[];
  access: ApiKeyAccess;
  secretHash: string;
  hint: string;
  createdBy: string;
  expiresAt: Date | null;
}

/** Invitations: SQL only. Every query filters by the tenant (row-level security is the second lock). */
export class InvitationRepository {
  constructor(private readonly tenantId: string) {}

  create(tx: IdentityTx, invitation: NewInvitation): Promise<Invitation> {
    return tx.invitation.create({ data: { ...invitation, tenantId: this.tenantId } });
  }

  findById(tx: IdentityTx, id: string): Promise<Invitation | null> {
    return tx.invitation.findFirst({ where: { id, tenantId: this.tenantId } });
  }

  /** Marks an open invitation used (or revoked): false when it was not open any more (one use, even under races). */
  async close(tx: IdentityTx, id: string, change: { acceptedAt: Date } | { revokedAt: Date }, now: Date): Promise<boolean> {
    const { count } = await tx.invitation.updateMany({
      where: { id, tenantId: this.tenantId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: change,
    });
    return count === 1;
  }

  async page(tx: IdentityTx, window: PageWindow): Promise<Page<Invitation>> {
    const where = { tenantId: this.tenantId };
    const rows = await tx.invitation.findMany({
      where: window.afterId ? { ...where, id: { gt: window.afterId } } : where,
      orderBy: { id: 'asc' },
      take: window.take + 1,
    });
    return { rows, totalCount: await tx.invitation.count({ where }) };
  }
}

/** API keys: SQL only. Every query filters by the tenant (row-level security is the second lock). */
export class ApiKeyRepository {
  constructor(private readonly tenantId: string) {}

  create(tx: IdentityTx, key: NewApiKey): Promise<ApiKey> {
    return tx.apiKey.create({ data: { ...key, tenantId: this.tenantId } });
  }

  findById(tx: IdentityTx, id: string): Promise<ApiKey | null> {
    return tx.apiKey.findFirst({ where: { id, tenantId: this.tenantId } });
  }

  revoke(tx: IdentityTx, id: string, at: Date): Promise<ApiKey> {
    return tx.apiKey.update({ where: { id, tenantId: this.tenantId }, data: { revokedAt: at } });
  }

  /** Moves lastUsedAt to `at` when it is older than `granularityMs`: at most one write per key per interval, not one per request. */
  async touch(tx: IdentityTx, id: string, at: Date, granularityMs: number): Promise<void> {
    const before = new Date(at.getTime() - granularityMs);
    await tx.apiKey.updateMany({
      where: { id, tenantId: this.tenantId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: before } }] },
      data: { lastUsedAt: at },
    });
  }

  async page(tx: IdentityTx, window: PageWindow): Promise<Page<ApiKey>> {
    const where = { tenantId: this.tenantId };
    const rows = await tx.apiKey.findMany({
      where: window.afterId ? { ...where, id: { gt: window.afterId } } : where,
      orderBy: { id: 'asc' },
      take: window.take + 1,
    });
    return { rows, totalCount: await tx.apiKey.count({ where }) };
  }
}

/** The one row (id and tenant) with this SHA-256, found before any tenant is known (identity_invitation_lookup). */
export async function findInvitationByTokenHash(db: IdentityDb, tokenHash: string): Promise<{ id: string; tenantId: string } | null> {
  const rows = await db.$queryRaw<{ invitation_id: string; tenant_id: string }[]>`
    SELECT invitation_id, tenant_id FROM identity_invitation_lookup(${tokenHash})`;
  return rows[0] ? { id: rows[0].invitation_id, tenantId: rows[0].tenant_id } : null;
}

/** The one key (id and tenant) with this SHA-256, found before any tenant is known (identity_api_key_lookup). */
export async function findApiKeyBySecretHash(db: IdentityDb, secretHash: string): Promise<{ id: string; tenantId: string } | null> {
  const rows = await db.$queryRaw<{ api_key_id: string; tenant_id: string }[]>`
    SELECT api_key_id, tenant_id FROM identity_api_key_lookup(${secretHash})`;
  return rows[0] ? { id: rows[0].api_key_id, tenantId: rows[0].tenant_id } : null;
}
