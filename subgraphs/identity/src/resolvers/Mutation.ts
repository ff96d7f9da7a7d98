import type { MutationResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Mutation: MutationResolvers = {
  signUp: (_parent, { input }, context) => context.public.accounts.signUp(input),
  login: (_parent, { input }, context) => context.public.accounts.login(input.email, input.password),
  updateBranding: (_parent, { input }, context) =>
    bound(context).tenantService.updateBranding({
      ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
      ...(input.primaryColor != null ? { primaryColor: input.primaryColor } : {}),
      ...(input.logoUrl !== undefined ? { logoUrl: input.logoUrl } : {}),
    }),
};
