import { ErrorCode, TesseraError, userError, type CallerContext, type UserError } from '@tessera/service-kit';
import type { Plan, Role, Tenant } from '../generated/prisma/client.js';
import { knownModules, type ModuleKey } from '../modules.generated.js';
import type { TenantRepository, BrandingChange } from '../repositories/tenant-repository.js';
import type { UserRepository, UserWithTenant } from '../repositories/user-repository.js';

export interface TenantAccess {
  tenantId: string;
  plan: Plan;
  enabledModules: ModuleKey[];
  defaultCurrency: string;
  userActive: boolean;
  role: Role | null;
}

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/** The signed-in caller's tenant and user: `me`, branding, and the access facts the router checks. */
export class TenantService {
  constructor(
    private readonly caller: CallerContext & { tenantId: string },
    private readonly tenants: TenantRepository,
    private readonly users: UserRepository,
  ) {}

  async me(): Promise<UserWithTenant> {
    const user = this.caller.userId ? await this.users.findWithTenant(this.caller.userId) : null;
    if (!user) throw new TesseraError(ErrorCode.UNAUTHENTICATED, 'The signed-in user no longer exists');
    return user;
  }

  async current(): Promise<Tenant> {
    const tenant = await this.tenants.findCurrent();
    if (!tenant) throw new TesseraError(ErrorCode.UNAUTHENTICATED, 'The tenant no longer exists');
    return tenant;
  }

  async access(): Promise<TenantAccess> {
    const [tenant, user] = await Promise.all([
      this.tenants.findCurrent(),
      this.caller.userId ? this.users.findWithTenant(this.caller.userId) : Promise.resolve(null),
    ]);
    if (!tenant) throw new TesseraError(ErrorCode.UNAUTHENTICATED, 'The tenant no longer exists');
    return {
      tenantId: tenant.id,
      plan: tenant.plan,
      enabledModules: knownModules(tenant.enabledModules),
      defaultCurrency: tenant.defaultCurrency,
      userActive: user !== null,
      role: user?.role ?? null,
    };
  }

  async updateBranding(change: BrandingChange): Promise<{ tenant: Tenant | null; userErrors: UserError[] }> {
    if (this.caller.role !== 'OWNER' && this.caller.role !== 'ADMIN') {
      return { tenant: null, userErrors: [userError('FORBIDDEN', 'Only owners and admins can change branding')] };
    }
    const errors: UserError[] = [];
    if (
      change.displayName !== undefined &&
      change.displayName !== null &&
      (change.displayName.trim() === '' || change.displayName.length > 100)
    ) {
      errors.push(userError('INVALID', 'Display name must be 1 to 100 characters', ['input', 'displayName']));
    }
    if (change.primaryColor !== undefined && !HEX_COLOR.test(change.primaryColor)) {
      errors.push(userError('INVALID_COLOR', 'Primary color must be #rrggbb', ['input', 'primaryColor']));
    }
    if (change.logoUrl && !isHttpsUrl(change.logoUrl)) {
      errors.push(userError('INVALID_URL', 'Logo must be an https URL', ['input', 'logoUrl']));
    }
    if (errors.length > 0) return { tenant: null, userErrors: errors };
    return { tenant: await this.tenants.updateBranding(change), userErrors: [] };
  }
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}
