import type { Plan, PlanChange, Tenant } from '../generated/prisma/client.js';
import type { ModuleKey } from '../modules.generated.js';
import type { IdentityTx } from '../db.js';

export interface NewTenant {
  id: string;
  name: string;
  plan: Plan;
  enabledModules: ModuleKey[];
  defaultCurrency: string;
  trialEndsAt?: Date | null;
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

  /** Ends a BUSINESS trial that is over (the FREE modules from then); false when there was none to end. */
  async endTrial(tx: IdentityTx, now: Date, freeModules: string[]): Promise<boolean> {
    const { count } = await tx.tenant.updateMany({
      where: { id: this.tenantId, plan: 'BUSINESS', trialEndsAt: { lte: now } },
      data: { plan: 'FREE', enabledModules: freeModules, trialEndsAt: null },
    });
    return count === 1;
  }

  changePlan(tx: IdentityTx, plan: Plan, modules: string[]): Promise<Tenant> {
    return tx.tenant.update({ where: { id: this.tenantId }, data: { plan, enabledModules: modules, trialEndsAt: null } });
  }
}

/** The tenant's plan history: SQL only. */
export class PlanChangeRepository {
  constructor(private readonly tenantId: string) {}

  async record(
    tx: IdentityTx,
    change: { fromPlan: Plan | null; toPlan: Plan; reason: string; changedBy: string | null; reference: string | null },
  ): Promise<void> {
    await tx.planChange.create({ data: { ...change, tenantId: this.tenantId } });
  }

  list(tx: IdentityTx): Promise<PlanChange[]> {
    return tx.planChange.findMany({ where: { tenantId: this.tenantId }, orderBy: { id: 'asc' } });
  }
}
