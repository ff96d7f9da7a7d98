import type { RefreshToken } from '../generated/prisma/client.js';
import type { IdentityDb, IdentityTx } from '../db.js';

/** Refresh tokens of the tenant's users: SQL only, filtered by the tenant (row-level security applies too). */
export class RefreshTokenRepository {
  constructor(private readonly tenantId: string) {}

  create(
    tx: IdentityTx,
    data: { userId: string; familyId: string; tokenHash: string; tokenVersion: number; expiresAt: Date },
  ): Promise<RefreshToken> {
    return tx.refreshToken.create({ data: { ...data, tenantId: this.tenantId } });
  }

  /** The row, locked until the transaction ends (two refreshes with one token: the second waits, then sees it used). */
  async lock(tx: IdentityTx, id: string): Promise<RefreshToken | null> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM refresh_tokens WHERE tenant_id = ${this.tenantId}::uuid AND id = ${id}::uuid FOR UPDATE`;
    if (rows.length === 0) return null;
    return tx.refreshToken.findFirst({ where: { tenantId: this.tenantId, id } });
  }

  async markUsed(tx: IdentityTx, id: string, at: Date): Promise<void> {
    await tx.refreshToken.updateMany({ where: { tenantId: this.tenantId, id, usedAt: null }, data: { usedAt: at } });
  }

  /** Ends a whole session: every token of the family. */
  async revokeFamily(tx: IdentityTx, familyId: string, at: Date): Promise<number> {
    const { count } = await tx.refreshToken.updateMany({
      where: { tenantId: this.tenantId, familyId, revokedAt: null },
      data: { revokedAt: at },
    });
    return count;
  }
}

/** The one refresh token (id and tenant) with this SHA-256, found before any tenant is known (identity_refresh_token_lookup). */
export async function findRefreshTokenByHash(db: IdentityDb, tokenHash: string): Promise<{ id: string; tenantId: string } | null> {
  const rows = await db.$queryRaw<{ refresh_token_id: string; tenant_id: string }[]>`
    SELECT refresh_token_id, tenant_id FROM identity_refresh_token_lookup(${tokenHash})`;
  return rows[0] ? { id: rows[0].refresh_token_id, tenantId: rows[0].tenant_id } : null;
}
