import { randomUUID } from 'node:crypto';
import { inTenantTransaction } from '@tessera/prisma';
import {
  hashSecret,
  INVITATION_PREFIX,
  isEmailAddress,
  issueAccessToken,
  isCurrency,
  newSecret,
  REFRESH_TOKEN_PREFIX,
  type UserError,
} from '@tessera/service-kit';
import { Prisma, type Plan, type Tenant } from '../generated/prisma/client.js';
import type { IdentityDb } from '../db.js';
import {
  emailTaken,
  invalidCredentials,
  invalidInvitation,
  invalidRefreshToken,
  refuse,
  userDeactivated,
  weakPassword,
} from '../errors.js';
import { findRefreshTokenByHash } from '../repositories/session-repository.js';
import { createRepositories } from '../repositories/index.js';
import { findApiKeyBySecretHash, findInvitationByTokenHash } from '../repositories/team-repository.js';
import { findLoginCandidate, type UserWithTenant } from '../repositories/user-repository.js';
import { hashPassword, passwordMatches, passwordProblem } from './passwords.js';
import { currentTenant, PlanService } from './plan-service.js';
import { knownModules, PLAN_MODULES, type ModuleKey } from '../modules.generated.js';

export interface SignUpInput {
  companyName: string;
  name: string;
  email: string;
  password: string;
  plan?: Plan | null;
  defaultCurrency?: string | null;
}

export interface SessionResult {
  token: string | null;
  /** For the dashboard: exchanged once (refreshSession) for a new token and a new refresh token. */
  refreshToken: string | null;
  tenant: Tenant | null;
  user: UserWithTenant | null;
  userErrors: UserError[];
}

export interface TokenSettings {
  secret: string;
  ttlSeconds: number;
  /** How long a refresh token stays usable (each refresh issues a new one). */
  refreshTtlSeconds: number;
}

const REFRESH_TOKEN_PATTERN = /^tsr_[A-Za-z0-9_-]{43}$/;

/** What the router needs of a valid API key (behaviour 8): its tenant, and the modules it may use there. */
export interface ApiKeyGrant {
  apiKeyId: string;
  tenantId: string;
  enabledModules: ModuleKey[];
  access: 'READ' | 'READ_WRITE';
  defaultCurrency: string;
  plan: Plan;
}

/** lastUsedAt moves at most once a minute per key: the router's cache already spares most lookups. */
const LAST_USED_GRANULARITY_MS = 60_000;

const refused = (...userErrors: UserError[]): SessionResult => ({ token: null, refreshToken: null, tenant: null, user: null, userErrors });

/** Sign-up and login: the only identity operations that run before a tenant is known. */
export class AccountService {
  constructor(
    private readonly db: IdentityDb,
    private readonly tokens: TokenSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async signUp(input: SignUpInput): Promise<SessionResult> {
    const email = input.email.trim().toLowerCase();
    const companyName = input.companyName.trim();
    const name = input.name.trim();
    const currency = (input.defaultCurrency ?? 'USD').trim().toUpperCase();
    const errors: UserError[] = [];
    if (!companyName || companyName.length > 200)
      errors.push(refuse('INVALID', 'Company name must be 1 to 200 characters', ['input', 'companyName']));
    if (!name || name.length > 200) errors.push(refuse('INVALID', 'Name must be 1 to 200 characters', ['input', 'name']));
    if (!isEmailAddress(email)) errors.push(refuse('INVALID_EMAIL', 'Email is not a valid address', ['input', 'email']));
    const weak = passwordProblem(input.password);
    if (weak) errors.push(weakPassword(weak));
    if (!isCurrency(currency)) errors.push(refuse('INVALID_CURRENCY', 'Currency must be an ISO 4217 code', ['input', 'defaultCurrency']));
    if (errors.length > 0) return refused(...errors);

    const plan = input.plan ?? 'FREE';
    const tenantId = randomUUID();
    const passwordHash = await hashPassword(input.password);
    const { tenants, users, planChanges } = createRepositories(tenantId);
    // BUSINESS at sign-up is a 14-day trial: FREE after it unless an owner upgrades (upgradePlan).
    const trialEndsAt = plan === 'BUSINESS' ? PlanService.trialEnd(this.now()) : null;
    try {
      const user = await inTenantTransaction(this.db, tenantId, async (tx) => {
        await tenants.create(tx, {
          name: companyName,
          plan,
          enabledModules: [...PLAN_MODULES[plan]],
          defaultCurrency: currency,
          trialEndsAt,
        });
        await planChanges.record(tx, {
          fromPlan: null,
          toPlan: plan,
          reason: trialEndsAt ? 'sign-up (trial)' : 'sign-up',
          changedBy: null,
          reference: null,
        });
        return users.create(tx, { email, name, role: 'OWNER', passwordHash });
      });
      return { ...(await this.startSession(user)), tenant: user.tenant, user, userErrors: [] };
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        return refused(emailTaken());
      }
      throw error;
    }
  }

  async login(emailInput: string, password: string): Promise<SessionResult> {
    const email = emailInput.trim().toLowerCase();
    const candidate = isEmailAddress(email) ? await findLoginCandidate(this.db, email) : null;
    const matches = await passwordMatches(password, candidate?.passwordHash ?? null);
    if (!candidate || !matches) return refused(invalidCredentials());
    const { users } = createRepositories(candidate.tenantId);
    const user = await inTenantTransaction(this.db, candidate.tenantId, (tx) => users.findWithTenant(tx, candidate.userId));
    if (!user) return refused(invalidCredentials());
    if (user.deactivatedAt) return refused(userDeactivated());
    return { ...(await this.startSession(user)), tenant: user.tenant, user, userErrors: [] };
  }

  /** Joins the inviting tenant with the invited role (behaviour 7): once, within 7 days, unless revoked. */
  async acceptInvitation(input: { token: string; name: string; password: string }): Promise<Omit<SessionResult, 'tenant'>> {
    const name = input.name.trim();
    const errors: UserError[] = [];
    if (!name || name.length > 200) errors.push(refuse('INVALID', 'Name must be 1 to 200 characters', ['input', 'name']));
    const weak = passwordProblem(input.password);
    if (weak) errors.push(weakPassword(weak));
    if (errors.length > 0) return { token: null, refreshToken: null, user: null, userErrors: errors };
    const invalid = () => ({
      token: null,
      refreshToken: null,
      user: null,
      userErrors: [invalidInvitation('This invitation is not valid: it is unknown, used, revoked or expired', ['input', 'token'])],
    });
    const found = input.token.startsWith(INVITATION_PREFIX) ? await findInvitationByTokenHash(this.db, hashSecret(input.token)) : null;
    if (!found) return invalid();
    const passwordHash = await hashPassword(input.password);
    const { invitations, users } = createRepositories(found.tenantId);
    try {
      const user = await inTenantTransaction(this.db, found.tenantId, async (tx) => {
        const invitation = await invitations.findById(tx, found.id);
        const at = this.now();
        if (!invitation || !(await invitations.close(tx, found.id, { acceptedAt: at }, at))) return null;
        return users.create(tx, { email: invitation.email, name, role: invitation.role, passwordHash });
      });
      if (!user) return invalid();
      return { ...(await this.startSession(user)), user, userErrors: [] };
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
        return { token: null, refreshToken: null, user: null, userErrors: [emailTaken()] };
      throw error;
    }
  }

  /** The grant of a valid key by the SHA-256 of its secret, for the router; null when unknown, revoked or expired. */
  async apiKeyAccess(secretHash: string): Promise<ApiKeyGrant | null> {
    if (!/^[0-9a-f]{64}$/.test(secretHash)) return null;
    const found = await findApiKeyBySecretHash(this.db, secretHash);
    if (!found) return null;
    const repositories = createRepositories(found.tenantId);
    const { apiKeys } = repositories;
    return inTenantTransaction(this.db, found.tenantId, async (tx) => {
      const at = this.now();
      const [key, tenant] = [await apiKeys.findById(tx, found.id), await currentTenant(tx, repositories, at)];
      if (!key || !tenant || key.revokedAt || (key.expiresAt && key.expiresAt.getTime() <= at.getTime())) return null;
      await apiKeys.touch(tx, key.id, at, LAST_USED_GRANULARITY_MS);
      const tenantModules = new Set(tenant.enabledModules);
      return {
        apiKeyId: key.id,
        tenantId: tenant.id,
        enabledModules: knownModules(key.modules.filter((module) => tenantModules.has(module))),
        access: key.access,
        defaultCurrency: tenant.defaultCurrency,
        plan: tenant.plan,
      };
    });
  }

  /** Ends every session of the user: their token version moves on, so the router refuses their tokens. */
  async logout(caller: { tenantId: string; userId: string | null }): Promise<{ loggedOut: boolean; userErrors: UserError[] }> {
    if (!caller.userId) return { loggedOut: false, userErrors: [] };
    const { users } = createRepositories(caller.tenantId);
    const userId = caller.userId;
    await inTenantTransaction(this.db, caller.tenantId, (tx) => users.revokeTokens(tx, userId));
    return { loggedOut: true, userErrors: [] };
  }

  /** Changes the signed-in user's password after checking the current one; earlier tokens stop working. */
  async changePassword(
    caller: { tenantId: string; userId: string | null },
    input: { currentPassword: string; newPassword: string },
  ): Promise<{ token: string | null; refreshToken: string | null; userErrors: UserError[] }> {
    if (!caller.userId) return { token: null, refreshToken: null, userErrors: [invalidCredentials()] };
    const weak = passwordProblem(input.newPassword);
    if (weak) return { token: null, refreshToken: null, userErrors: [weakPassword(weak, ['input', 'newPassword'])] };
    const { users } = createRepositories(caller.tenantId);
    const userId = caller.userId;
    const current = await inTenantTransaction(this.db, caller.tenantId, (tx) => users.findWithTenant(tx, userId));
    if (!current || !(await passwordMatches(input.currentPassword, current.passwordHash))) {
      return {
        token: null,
        refreshToken: null,
        userErrors: [refuse('INVALID_CREDENTIALS', 'The current password is incorrect', ['input', 'currentPassword'])],
      };
    }
    const passwordHash = await hashPassword(input.newPassword);
    const user = await inTenantTransaction(this.db, caller.tenantId, (tx) => users.changePassword(tx, userId, passwordHash));
    return { ...(await this.startSession(user)), userErrors: [] };
  }

  /**
   * A new access token and a new refresh token for a refresh token (the dashboard, before its access
   * token expires). Each refresh token works once: a second use means it was copied, and ends the
   * whole session (its family). Logout, a password change and a deactivation end sessions too (the
   * user's token version moved on).
   */
  async refreshSession(refreshToken: string): Promise<{ token: string | null; refreshToken: string | null; userErrors: UserError[] }> {
    const refusedRefresh = { token: null, refreshToken: null, userErrors: [invalidRefreshToken()] };
    if (!REFRESH_TOKEN_PATTERN.test(refreshToken)) return refusedRefresh;
    const found = await findRefreshTokenByHash(this.db, hashSecret(refreshToken));
    if (!found) return refusedRefresh;
    const { refreshTokens, users } = createRepositories(found.tenantId);
    const next = newSecret(REFRESH_TOKEN_PREFIX);
    const user = await inTenantTransaction(this.db, found.tenantId, async (tx) => {
      const row = await refreshTokens.lock(tx, found.id);
      const at = this.now();
      if (!row || row.revokedAt || row.expiresAt.getTime() <= at.getTime()) return null;
      const owner = await users.findWithTenant(tx, row.userId);
      if (row.usedAt || !owner || owner.deactivatedAt || owner.tokenVersion !== row.tokenVersion) {
        await refreshTokens.revokeFamily(tx, row.familyId, at);
        return null;
      }
      await refreshTokens.markUsed(tx, row.id, at);
      await refreshTokens.create(tx, {
        userId: owner.id,
        familyId: row.familyId,
        tokenHash: hashSecret(next),
        tokenVersion: owner.tokenVersion,
        expiresAt: new Date(at.getTime() + this.tokens.refreshTtlSeconds * 1000),
      });
      return owner;
    });
    if (!user) return refusedRefresh;
    return { token: await this.issue(user), refreshToken: next, userErrors: [] };
  }

  /** A session: an access token and the first refresh token of a new family. */
  private async startSession(user: UserWithTenant): Promise<{ token: string; refreshToken: string }> {
    const refreshToken = newSecret(REFRESH_TOKEN_PREFIX);
    const { refreshTokens } = createRepositories(user.tenantId);
    await inTenantTransaction(this.db, user.tenantId, (tx) =>
      refreshTokens.create(tx, {
        userId: user.id,
        familyId: randomUUID(),
        tokenHash: hashSecret(refreshToken),
        tokenVersion: user.tokenVersion,
        expiresAt: new Date(this.now().getTime() + this.tokens.refreshTtlSeconds * 1000),
      }),
    );
    return { token: await this.issue(user), refreshToken };
  }

  private issue(user: UserWithTenant): Promise<string> {
    return issueAccessToken(
      { userId: user.id, tenantId: user.tenantId, role: user.role, tokenVersion: user.tokenVersion },
      this.tokens.secret,
      this.tokens.ttlSeconds,
    );
  }
}
