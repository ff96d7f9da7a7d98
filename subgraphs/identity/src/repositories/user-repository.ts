import type { Page, PageWindow } from '@tessera/service-kit';
import type { Role, Tenant, User } from '../generated/prisma/client.js';
import type { IdentityDb, IdentityTx } from '../db.js';

export type UserWithTenant = User & { tenant: Tenant };
/** A user as resolvers see it: the tenant is attached when the query loaded it already. */
export type UserRecord = User & { tenant?: Tenant };

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
}

/** What login needs about a user, found before any tenant is known. */
export interface LoginCandidate {
  userId: string;
  tenantId: string;
  passwordHash: string;
}

/** Users: SQL only. Every query filters by the tenant (row-level security is the second lock). */
export class UserRepository {
  constructor(private readonly tenantId: string) {}

  create(tx: IdentityTx, user: NewUser): Promise<UserWithTenant> {
    return tx.user.create({ data: { ...user, tenantId: this.tenantId }, include: { tenant: true } });
  }

  findWithTenant(tx: IdentityTx, userId: string): Promise<UserWithTenant | null> {
    return tx.user.findFirst({ where: { id: userId, tenantId: this.tenantId }, include: { tenant: true } });
  }

  findByIds(tx: IdentityTx, ids: string[]): Promise<User[]> {
    return tx.user.findMany({ where: { id: { in: ids }, tenantId: this.tenantId } });
  }

  findById(tx: IdentityTx, id: string): Promise<User | null> {
    return tx.user.findFirst({ where: { id, tenantId: this.tenantId } });
  }

  /** Active owners of the tenant (callers lock the tenant's owners first: see TeamService). */
  countActiveOwners(tx: IdentityTx): Promise<number> {
    return tx.user.count({ where: { tenantId: this.tenantId, role: 'OWNER', deactivatedAt: null } });
  }

  update(tx: IdentityTx, id: string, change: { role: Role } | { deactivatedAt: Date }): Promise<User> {
    // Deactivation also ends the user's sessions (their tokens carry an older version from now on).
    const data = 'deactivatedAt' in change ? { ...change, tokenVersion: { increment: 1 } } : change;
    return tx.user.update({ where: { id, tenantId: this.tenantId }, data });
  }

  /** Moves the user's token version on: every token issued before stops working. */
  async revokeTokens(tx: IdentityTx, id: string): Promise<void> {
    await tx.user.updateMany({ where: { id, tenantId: this.tenantId }, data: { tokenVersion: { increment: 1 } } });
  }

  changePassword(tx: IdentityTx, id: string, passwordHash: string): Promise<UserWithTenant> {
    return tx.user.update({
      where: { id, tenantId: this.tenantId },
      data: { passwordHash, tokenVersion: { increment: 1 } },
      include: { tenant: true },
    });
  }

  async page(tx: IdentityTx, window: PageWindow): Promise<Page<User>> {
    const where = { tenantId: this.tenantId };
    const rows = await tx.user.findMany({
      where: window.afterId ? { ...where, id: { gt: window.afterId } } : where,
      orderBy: { id: 'asc' },
      take: window.take + 1,
    });
    return { rows, totalCount: await tx.user.count({ where }) };
  }
}

/**
 * The one narrow path that reads users without a tenant: the SECURITY DEFINER function
 * identity_login_lookup, which returns only id, tenant and password hash for one email.
 */
export async function findLoginCandidate(db: IdentityDb, email: string): Promise<LoginCandidate | null> {
  const rows = await db.$queryRaw<{ user_id: string; tenant_id: string; password_hash: string }[]>`
    SELECT user_id, tenant_id, password_hash FROM identity_login_lookup(${email})`;
  const row = rows[0];
  return row ? { userId: row.user_id, tenantId: row.tenant_id, passwordHash: row.password_hash } : null;
}
