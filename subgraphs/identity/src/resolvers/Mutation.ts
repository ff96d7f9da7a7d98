import type { MutationResolvers } from '../generated/graphql.js';
import { bound, type IdentityContext } from '../context.js';

/** The signed-in caller's tenant and user (`bound` refuses a caller without a tenant). */
function signedIn(context: IdentityContext): { tenantId: string; userId: string | null } {
  bound(context);
  return { tenantId: context.caller.tenantId as string, userId: context.caller.userId };
}

export const Mutation: MutationResolvers = {
  signUp: (_parent, { input }, context) => context.public.accounts.signUp(input),
  login: (_parent, { input }, context) => context.public.accounts.login(input.email, input.password),
  updateBranding: (_parent, { input }, context) =>
    bound(context).tenantService.updateBranding({
      ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
      ...(input.primaryColor != null ? { primaryColor: input.primaryColor } : {}),
      ...(input.logoUrl !== undefined ? { logoUrl: input.logoUrl } : {}),
    }),
  inviteUser: (_parent, { input }, context) => bound(context).team.invite(input),
  acceptInvitation: (_parent, { input }, context) => context.public.accounts.acceptInvitation(input),
  revokeInvitation: (_parent, { input }, context) => bound(context).team.revokeInvitation(input.invitationId),
  changeUserRole: (_parent, { input }, context) => bound(context).team.changeRole(input.userId, input.role),
  deactivateUser: (_parent, { input }, context) => bound(context).team.deactivate(input.userId),
  createApiKey: (_parent, { input }, context) => bound(context).team.createApiKey(input),
  revokeApiKey: (_parent, { input }, context) => bound(context).team.revokeApiKey(input.apiKeyId),
  upgradePlan: (_parent, { input }, context) => bound(context).plans.changePlan(input.plan),
  refreshSession: (_parent, { input }, context) => context.public.accounts.refreshSession(input.refreshToken),
  logout: (_parent, _args, context) => context.public.accounts.logout(signedIn(context)),
  changePassword: (_parent, { input }, context) => context.public.accounts.changePassword(signedIn(context), input),
};
