import type { Plan, Tenant } from '../generated/prisma/client.js';
import type { ModuleKey } from '../modules.generated.js';
import type { IdentityTx } from '../db.js';

export interface NewTenant {
  id: string;
  name: string;
  plan: Plan;
  enabledModules: ModuleKey[];
  defaultCurrency: string;
}

export interface BrandingChange {
  displayName?: string | null;
  primaryColor?: string;
  logoUrl?: string | null;
}

/** Tenants: SQL only. The tenant row's id is the tenant itself: only that one row is ever read or changed. */
export class TenantRepository {
  constructor(private readonly tenantId: string) {}

  /** Creates the repository's own tenant (sign-up). */
  create(tx: IdentityTx, tenant: Omit<NewTenant, 'id'>): Promise<Tenant> {
    return tx.tenant.create({ data: { ...tenant, id: this.tenantId } });
  }

  findCurrent(tx: IdentityTx): Promise<Tenant | null> {
    return tx.tenant.findUnique({ where: { id: this.tenantId } });
  }

  /** Tenants by id; only the repository's own tenant can ever come back. */
  findByIds(tx: IdentityTx, ids: string[]): Promise<Tenant[]> {
    return ids.includes(this.tenantId) ? tx.tenant.findMany({ where: { id: this.tenantId } }) : Promise.resolve([]);
  }

  updateBranding(tx: IdentityTx, change: BrandingChange): Promise<Tenant> {
    return tx.tenant.update({ where: { id: this.tenantId }, data: change });
  }
}
