import type { MutationResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Mutation: MutationResolvers = {
  createContact: (_parent, { input }, context) => bound(context).contacts.create(input),
  updateContact: (_parent, { input }, context) => bound(context).contacts.update(input),
  deleteContact: (_parent, { input }, context) => bound(context).contacts.delete(input),
  createCompany: (_parent, { input }, context) => bound(context).companies.create(input),
  createDeal: (_parent, { input }, context) => bound(context).deals.create(input),
  updateDealStage: (_parent, { input }, context) => bound(context).deals.updateStage(input),
  markDealWon: (_parent, { input }, context) => bound(context).deals.markWon(input),
  markDealLost: (_parent, { input }, context) => bound(context).deals.markLost(input),
};
