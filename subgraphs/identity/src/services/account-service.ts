import { randomUUID } from 'node:crypto';
import { inTenantTransaction } from '@tessera/prisma';
import { isEmailAddress, issueAccessToken, isCurrency, type UserError } from '@tessera/service-kit';
import { Prisma, type Plan, type Tenant } from '../generated/prisma/client.js';
import type { IdentityDb } from '../db.js';
import { emailTaken, invalidCredentials, refuse, weakPassword } from '../errors.js';
import { createRepositories } from '../repositories/index.js';
import { findLoginCandidate, type UserWithTenant } from '../repositories/user-repository.js';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordMatches } from './passwords.js';
import { PLAN_MODULES } from '../modules.generated.js';

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
  tenant: Tenant | null;
  user: UserWithTenant | null;
  userErrors: UserError[];
}

export interface TokenSettings {
  secret: string;
  ttlSeconds: number;
}

const refused = (...userErrors: UserError[]): SessionResult => ({ token: null, tenant: null, user: null, userErrors });

/** Sign-up and login: the only identity operations that run before a tenant is known. */
export class AccountService {
  constructor(
    private readonly db: IdentityDb,
    private readonly tokens: TokenSettings,
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
    if (input.password.length < MIN_PASSWORD_LENGTH || input.password.length > MAX_PASSWORD_LENGTH) errors.push(weakPassword());
    if (!isCurrency(currency)) errors.push(refuse('INVALID_CURRENCY', 'Currency must be an ISO 4217 code', ['input', 'defaultCurrency']));
    if (errors.length > 0) return refused(...errors);

    const plan = input.plan ?? 'FREE';
    const tenantId = randomUUID();
    const passwordHash = await hashPassword(input.password);
    const { tenants, users } = createRepositories(tenantId);
    try {
      const user = await inTenantTransaction(this.db, tenantId, async (tx) => {
        await tenants.create(tx, {
          name: companyName,
          plan,
          enabledModules: [...PLAN_MODULES[plan]],
          defaultCurrency: currency,
        });
        return users.create(tx, { email, name, role: 'OWNER', passwordHash });
      });
      return { token: await this.issue(user), tenant: user.tenant, user, userErrors: [] };
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
    return { token: await this.issue(user), tenant: user.tenant, user, userErrors: [] };
  }

  private issue(user: UserWithTenant): Promise<string> {
    return issueAccessToken({ userId: user.id, tenantId: user.tenantId, role: user.role }, this.tokens.secret, this.tokens.ttlSeconds);
  }
}
