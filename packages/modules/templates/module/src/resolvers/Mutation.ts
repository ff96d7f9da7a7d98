import type { MutationResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Mutation: MutationResolvers = {
  create__Entity__: async (_parent, { input }, context) => {
    const { item, userErrors } = await bound(context).items.create(input);
    return { __entity__: item, userErrors };
  },
};
