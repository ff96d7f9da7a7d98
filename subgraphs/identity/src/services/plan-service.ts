import { randomUUID } from 'node:crypto';
import type { UserError } from '@tessera/service-kit';
import type { TenantScope } from '@tessera/prisma';
import type { IdentityTx } from '../db.js';
import { refuse } from '../errors.js';
import type { Plan, Tenant } from '../generated/prisma/client.js';
import { PLAN_MODULES } from '../modules.generated.js';
import type { Repositories } from '../repositories/index.js';

/** How long a BUSINESS sign-up is a trial (issue 12 item 6): then FREE, unless an owner upgrades. */
export const TRIAL_DAYS = 14;

/**
 * Where a subscription is paid. No payment provider is reachable from here, so the default records
 * the change and answers a reference of its own; a real one (Stripe, Paddle, ...) implements this.
 */
export interface BillingProvider {
  subscribe(request: { tenantId: string; plan: Plan }): Promise<{ reference: string }>;
}

/** The provider in use until a real one is configured: nothing is charged, the change is recorded. */
export const manualBilling: BillingProvider = {
  async subscribe() {
    return { reference: `manual-${randomUUID()}` };
  },
};

/**
 * The caller's tenant as of `now`, in the caller's transaction: a trial that is over ends here (FREE's
 * modules, recorded once even when two requests see it at the same time). Writes only then: the
 * router's access checks read this on every cache miss.
 */
export async function currentTenant(tx: IdentityTx, repositories: Repositories, now: Date): Promise<Tenant | null> {
  const tenant = await repositories.tenants.findCurrent(tx);
  if (!tenant || tenant.plan !== 'BUSINESS' || !tenant.trialEndsAt || tenant.trialEndsAt > now) return tenant;
  if (await repositories.tenants.endTrial(tx, now, [...PLAN_MODULES.FREE])) {
    await repositories.planChanges.record(tx, {
      fromPlan: 'BUSINESS',
      toPlan: 'FREE',
      reason: 'trial ended',
      changedBy: null,
      reference: null,
    });
  }
  return repositories.tenants.findCurrent(tx);
}

/** The tenant's plan: its trial, and an owner's upgrade (or downgrade) through the billing provider. */
export class PlanService {
  constructor(
    private readonly scope: TenantScope<IdentityTx>,
    private readonly userId: string | null,
    private readonly repositories: Repositories,
    private readonly now: () => Date,
    private readonly billing: BillingProvider = manualBilling,
  ) {}

  /** Moves the tenant to `plan` (owners only: the permission table): paid through the provider, recorded, and the trial ends. */
  async changePlan(plan: Plan): Promise<{ tenant: Tenant | null; userErrors: UserError[] }> {
    const tenantId = this.scope.tenantId;
    const current = await this.scope.run((tx) => this.repositories.tenants.findCurrent(tx));
    if (!current) return { tenant: null, userErrors: [refuse('NOT_FOUND', 'No such tenant')] };
    if (current.plan === plan && current.trialEndsAt === null) {
      return { tenant: null, userErrors: [refuse('INVALID', `The tenant is on ${plan} already`, ['input', 'plan'])] };
    }
    const { reference } = await this.billing.subscribe({ tenantId, plan });
    const tenant = await this.scope.run(async (tx) => {
      const changed = await this.repositories.tenants.changePlan(tx, plan, [...PLAN_MODULES[plan]]);
      await this.repositories.planChanges.record(tx, {
        fromPlan: current.plan,
        toPlan: plan,
        reason: current.trialEndsAt ? 'upgraded during the trial' : 'changed by an owner',
        changedBy: this.userId,
        reference,
      });
      return changed;
    });
    return { tenant, userErrors: [] };
  }

  /** The end of the trial for a BUSINESS sign-up now. */
  static trialEnd(now: Date): Date {
    return new Date(now.getTime() + TRIAL_DAYS * 24 * 3600 * 1000);
  }
}
