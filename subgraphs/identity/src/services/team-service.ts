import {
  API_KEY_PREFIX,
  hashSecret,
  INVITATION_PREFIX,
  isEmailAddress,
  isUuid,
  listPage,
  newSecret,
  type CallerContext,
  type Connection,
  type PageArgs,
  type UserError,
} from '@tessera/service-kit';
import { advisoryLock, type TenantScope } from '@tessera/prisma';
import type { IdentityDb, IdentityTx } from '../db.js';
import { emailTaken, invalidInvitation, lastOwner, notFound, onlyOwners, refuse } from '../errors.js';
import type { ApiKey, ApiKeyAccess, Invitation, Role, User } from '../generated/prisma/client.js';
import { knownModules } from '../modules.generated.js';
import type { Repositories } from '../repositories/index.js';
import type { InvitationRecord } from '../repositories/team-repository.js';
import { findLoginCandidate } from '../repositories/user-repository.js';

/** How long an invitation can be accepted (behaviour 7). */
export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

export interface InvitationPayload {
  invitation: InvitationRecord | null;
  userErrors: UserError[];
}
export interface UserPayload {
  user: User | null;
  userErrors: UserError[];
}
export interface ApiKeyPayload {
  apiKey: ApiKey | null;
  userErrors: UserError[];
}
export interface CreatedApiKeyPayload extends ApiKeyPayload {
  /** Shown once: only its hash is stored. */
  secret: string | null;
}

/**
 * The tenant's people and credentials: invitations, roles, deactivation and API keys. Who may call
 * each operation is the permission table's (src/permissions.ts: owners and admins, never a key); the
 * rules on values live here: only an owner makes or unmakes an owner, and the last active owner stays.
 */
export class TeamService {
  constructor(
    private readonly db: IdentityDb,
    private readonly scope: TenantScope<IdentityTx>,
    private readonly caller: CallerContext & { tenantId: string },
    private readonly repositories: Repositories,
    private readonly now: () => Date,
  ) {}

  users(args: PageArgs): Promise<Connection<User>> {
    return listPage(args, (window) => this.scope.run((tx) => this.repositories.users.page(tx, window)));
  }

  invitations(args: PageArgs): Promise<Connection<Invitation>> {
    return listPage(args, (window) => this.scope.run((tx) => this.repositories.invitations.page(tx, window)));
  }

  apiKeys(args: PageArgs): Promise<Connection<ApiKey>> {
    return listPage(args, (window) => this.scope.run((tx) => this.repositories.apiKeys.page(tx, window)));
  }

  async invite(input: { email: string; role: Role }): Promise<InvitationPayload> {
    const email = input.email.trim().toLowerCase();
    if (!isEmailAddress(email))
      return { invitation: null, userErrors: [refuse('INVALID_EMAIL', 'Email is not a valid address', ['input', 'email'])] };
    if (input.role === 'OWNER' && this.caller.role !== 'OWNER')
      return { invitation: null, userErrors: [onlyOwners('invite an owner', ['input', 'role'])] };
    if (await findLoginCandidate(this.db, email)) return { invitation: null, userErrors: [emailTaken()] };
    const acceptToken = newSecret(INVITATION_PREFIX);
    const invitation = await this.scope.run((tx) =>
      this.repositories.invitations.create(tx, {
        email,
        role: input.role,
        tokenHash: hashSecret(acceptToken),
        invitedBy: this.inviter(),
        expiresAt: new Date(this.now().getTime() + INVITATION_TTL_MS),
      }),
    );
    return { invitation: { ...invitation, acceptToken }, userErrors: [] };
  }

  async revokeInvitation(invitationId: string): Promise<InvitationPayload> {
    const field = ['input', 'invitationId'];
    if (!isUuid(invitationId)) return { invitation: null, userErrors: [notFound('invitation', field)] };
    return this.scope.run(async (tx): Promise<InvitationPayload> => {
      const invitation = await this.repositories.invitations.findById(tx, invitationId);
      if (!invitation) return { invitation: null, userErrors: [notFound('invitation', field)] };
      const at = this.now();
      if (!(await this.repositories.invitations.close(tx, invitationId, { revokedAt: at }, at))) {
        return { invitation: null, userErrors: [invalidInvitation('The invitation was already accepted, revoked or has expired', field)] };
      }
      return { invitation: { ...invitation, revokedAt: at }, userErrors: [] };
    });
  }

  changeRole(userId: string, role: Role): Promise<UserPayload> {
    return this.changeUser(
      userId,
      (user) => {
        if ((user.role === 'OWNER' || role === 'OWNER') && this.caller.role !== 'OWNER')
          return onlyOwners('make or unmake an owner', ['input', 'role']);
        return user.role === 'OWNER' && role !== 'OWNER' ? 'owner-leaves' : null;
      },
      { role },
    );
  }

  deactivate(userId: string): Promise<UserPayload> {
    return this.changeUser(
      userId,
      (user) => {
        if (user.role === 'OWNER' && this.caller.role !== 'OWNER') return onlyOwners('deactivate an owner', ['input', 'userId']);
        return user.role === 'OWNER' ? 'owner-leaves' : null;
      },
      { deactivatedAt: this.now() },
    );
  }

  /**
   * One change of a user, under the tenant's owners lock so two owners demoting each other at once
   * cannot leave the tenant without one. `check` refuses, or says the change removes an active owner.
   */
  private async changeUser(
    userId: string,
    check: (user: User) => UserError | 'owner-leaves' | null,
    change: { role: Role } | { deactivatedAt: Date },
  ): Promise<UserPayload> {
    const field = ['input', 'userId'];
    if (!isUuid(userId)) return { user: null, userErrors: [notFound('user', field)] };
    return this.scope.run(async (tx): Promise<UserPayload> => {
      await advisoryLock(tx, `identity.owners:${this.caller.tenantId}`);
      const user = await this.repositories.users.findById(tx, userId);
      if (!user) return { user: null, userErrors: [notFound('user', field)] };
      if ('deactivatedAt' in change && user.deactivatedAt) return { user, userErrors: [] };
      const verdict = check(user);
      if (verdict && verdict !== 'owner-leaves') return { user: null, userErrors: [verdict] };
      if (verdict === 'owner-leaves' && !user.deactivatedAt && (await this.repositories.users.countActiveOwners(tx)) <= 1) {
        return { user: null, userErrors: [lastOwner()] };
      }
      return { user: await this.repositories.users.update(tx, userId, change), userErrors: [] };
    });
  }

  async createApiKey(input: {
    name: string;
    modules: string[];
    access: ApiKeyAccess;
    expiresAt?: Date | null;
  }): Promise<CreatedApiKeyPayload> {
    const name = input.name.trim();
    const errors: UserError[] = [];
    if (!name || name.length > 100) errors.push(refuse('INVALID', 'Name must be 1 to 100 characters', ['input', 'name']));
    const modules = [...new Set(input.modules)];
    if (modules.length === 0) errors.push(refuse('INVALID_MODULES', 'A key needs at least one module', ['input', 'modules']));
    if (input.expiresAt && input.expiresAt.getTime() <= this.now().getTime()) {
      errors.push(refuse('INVALID', 'expiresAt must be in the future', ['input', 'expiresAt']));
    }
    if (errors.length > 0) return { apiKey: null, secret: null, userErrors: errors };
    return this.scope.run(async (tx): Promise<CreatedApiKeyPayload> => {
      const tenant = await this.repositories.tenants.findCurrent(tx);
      const enabled = new Set(knownModules(tenant?.enabledModules ?? []));
      const notEnabled = modules.filter((module) => !enabled.has(module as never));
      if (notEnabled.length > 0) {
        return {
          apiKey: null,
          secret: null,
          userErrors: [refuse('INVALID_MODULES', `Not enabled for this tenant: ${notEnabled.join(', ')}`, ['input', 'modules'])],
        };
      }
      const secret = newSecret(API_KEY_PREFIX);
      const apiKey = await this.repositories.apiKeys.create(tx, {
        name,
        modules,
        access: input.access,
        secretHash: hashSecret(secret),
        hint: secret.slice(0, API_KEY_PREFIX.length + 4),
        createdBy: this.inviter(),
        expiresAt: input.expiresAt ?? null,
      });
      return { apiKey, secret, userErrors: [] };
    });
  }

  async revokeApiKey(apiKeyId: string): Promise<ApiKeyPayload> {
    const field = ['input', 'apiKeyId'];
    if (!isUuid(apiKeyId)) return { apiKey: null, userErrors: [notFound('API key', field)] };
    return this.scope.run(async (tx): Promise<ApiKeyPayload> => {
      const key = await this.repositories.apiKeys.findById(tx, apiKeyId);
      if (!key) return { apiKey: null, userErrors: [notFound('API key', field)] };
      if (key.revokedAt) return { apiKey: key, userErrors: [] };
      return { apiKey: await this.repositories.apiKeys.revoke(tx, apiKeyId, this.now()), userErrors: [] };
    });
  }

  /** The signed-in user acting (people and keys are managed by users only: the permission table says so). */
  private inviter(): string {
    if (!this.caller.userId) throw new Error('team changes need a signed-in user');
    return this.caller.userId;
  }
}
