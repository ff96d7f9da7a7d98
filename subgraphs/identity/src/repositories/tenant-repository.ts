import type { TenantScope } from '@tessera/prisma';
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

/** SQL access to tenants. The tenant row's id is the tenant scope itself. */
export class TenantRepository {
  constructor(private readonly scope: TenantScope<IdentityTx>) {}

  create(tx: IdentityTx, tenant: NewTenant): Promise<Tenant> {
    return tx.tenant.create({ data: tenant });
  }

  findCurrent(): Promise<Tenant | null> {
    return this.scope.run((tx) => tx.tenant.findUnique({ where: { id: this.scope.tenantId } }));
  }

  /** Loads tenants by id; only the scope's own tenant can ever come back. */
  findByIds(ids: readonly string[]): Promise<Tenant[]> {
    const own = ids.filter((id) => id === this.scope.tenantId);
    if (own.length === 0) return Promise.resolve([]);
    return this.scope.run((tx) => tx.tenant.findMany({ where: { id: this.scope.tenantId } }));
  }

  updateBranding(change: BrandingChange): Promise<Tenant> {
    return this.scope.run((tx) => tx.tenant.update({ where: { id: this.scope.tenantId }, data: change }));
  }
}
