import type { UserResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const User: UserResolvers = {
  __resolveReference: (reference, context) => bound(context).loaders.userById.load(reference.id),
  active: (user) => user.deactivatedAt === null,
  tenant: async (user, _args, context) => {
    if (user.tenant) return user.tenant;
    const tenant = await bound(context).loaders.tenantById.load(user.tenantId);
    if (!tenant) throw new Error(`tenant ${user.tenantId} of user ${user.id} not found`);
    return tenant;
  },
};
