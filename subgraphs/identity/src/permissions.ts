import { EVERY_PRINCIPAL, EVERY_USER, PEOPLE_MANAGERS, type PermissionTable } from '@tessera/service-kit';

/**
 * Identity's permission table (behaviour 7): the tenant's people, credentials and branding are its
 * owners' and admins' (never a member's, never an API key's); sign-up, login and accepting an
 * invitation run before a tenant is known (anonymousFields).
 */
export const permissions: PermissionTable = {
  signUp: EVERY_PRINCIPAL,
  login: EVERY_PRINCIPAL,
  acceptInvitation: EVERY_PRINCIPAL,
  refreshSession: EVERY_PRINCIPAL,
  updateBranding: PEOPLE_MANAGERS,
  inviteUser: PEOPLE_MANAGERS,
  revokeInvitation: PEOPLE_MANAGERS,
  changeUserRole: PEOPLE_MANAGERS,
  deactivateUser: PEOPLE_MANAGERS,
  createApiKey: PEOPLE_MANAGERS,
  revokeApiKey: PEOPLE_MANAGERS,
  // The plan is paid: an owner's decision.
  upgradePlan: ['OWNER'],
  // A user's own session and password: never an API key's.
  logout: EVERY_USER,
  changePassword: EVERY_USER,
  invitations: PEOPLE_MANAGERS,
  apiKeys: PEOPLE_MANAGERS,
};
