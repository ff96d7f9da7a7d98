import type { MutationResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Mutation: MutationResolvers = {
  createRegister: (_parent, { input }, context) => bound(context).registers.create(input),
  openSession: (_parent, { input }, context) => bound(context).sessions.open(input),
  startClosingSession: (_parent, { input }, context) => bound(context).sessions.startClosing(input),
  closeSession: (_parent, { input }, context) => bound(context).sessions.close(input),
  submitSale: (_parent, { input }, context) => bound(context).sales.submit(input),
  voidSale: (_parent, { input }, context) => bound(context).sales.void(input),
};
