import { ErrorCode, TesseraError, type CallerContext, type UserError } from '@tessera/service-kit';
import type { TenantScope } from '@tessera/prisma';
import type { IdentityTx } from '../db.js';
import { refuse } from '../errors.js';
import type { Plan, Role, Tenant } from '../generated/prisma/client.js';
import { knownModules, type ModuleKey } from '../modules.generated.js';
import type { Repositories } from '../repositories/index.js';
import type { BrandingChange } from '../repositories/tenant-repository.js';
import type { UserWithTenant } from '../repositories/user-repository.js';
import { currentTenant } from './plan-service.js';

export interface TenantAccess {
  tenantId: string;
  plan: Plan;
  enabledModules: ModuleKey[];
  defaultCurrency: string;
  userActive: boolean;
  role: Role | null;
  tokenVersion: number;
}

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/** The signed-in caller's tenant and user: `me`, branding, and the access facts the router checks. */
export class TenantService {
  constructor(
    private readonly scope: TenantScope<IdentityTx>,
    private readonly caller: CallerContext & { tenantId: string },
    private readonly repositories: Repositories,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private signedInUser(tx: IdentityTx): Promise<UserWithTenant | null> {
    return this.caller.userId ? this.repositories.users.findWithTenant(tx, this.caller.userId) : Promise.resolve(null);
  }

  async me(): Promise<UserWithTenant> {
    if (this.caller.apiKeyId) {
      throw new TesseraError(
        ErrorCode.FORBIDDEN,
        'This request is authenticated with an API key, which is not a user: `me` needs a user’s token (`tenant` answers for the key’s tenant)',
      );
    }
    const user = await this.scope.run((tx) => this.signedInUser(tx));
    if (!user) throw new TesseraError(ErrorCode.UNAUTHENTICATED, 'The signed-in user no longer exists');
    return user;
  }

  async current(): Promise<Tenant> {
    const tenant = await this.scope.run((tx) => this.repositories.tenants.findCurrent(tx));
    if (!tenant) throw new TesseraError(ErrorCode.UNAUTHENTICATED, 'The tenant no longer exists');
    return tenant;
  }

  async access(): Promise<TenantAccess> {
    const { tenant, user } = await this.scope.run(async (tx) => {
      // A trial that is over ends here: the router asks on every request (cached 4 s), before any module.
      return { tenant: await currentTenant(tx, this.repositories, this.now()), user: await this.signedInUser(tx) };
    });
    if (!tenant) throw new TesseraError(ErrorCode.UNAUTHENTICATED, 'The tenant no longer exists');
    return {
      tenantId: tenant.id,
      plan: tenant.plan,
      enabledModules: knownModules(tenant.enabledModules),
      defaultCurrency: tenant.defaultCurrency,
      userActive: user !== null && user.deactivatedAt === null,
      role: user?.role ?? null,
      tokenVersion: user?.tokenVersion ?? 0,
    };
  }

  async updateBranding(change: BrandingChange): Promise<{ tenant: Tenant | null; userErrors: UserError[] }> {
    const errors: UserError[] = [];
    if (
      change.displayName !== undefined &&
      change.displayName !== null &&
      (change.displayName.trim() === '' || change.displayName.length > 100)
    ) {
      errors.push(refuse('INVALID', 'Display name must be 1 to 100 characters', ['input', 'displayName']));
    }
    if (change.primaryColor !== undefined && !HEX_COLOR.test(change.primaryColor)) {
      errors.push(refuse('INVALID_COLOR', 'Primary color must be #rrggbb', ['input', 'primaryColor']));
    }
    if (change.logoUrl && !isHttpsUrl(change.logoUrl)) {
      errors.push(refuse('INVALID_URL', 'Logo must be an https URL', ['input', 'logoUrl']));
    }
    if (errors.length > 0) return { tenant: null, userErrors: errors };
    return { tenant: await this.scope.run((tx) => this.repositories.tenants.updateBranding(tx, change)), userErrors: [] };
  }
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}
