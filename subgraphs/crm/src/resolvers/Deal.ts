import { toMoney } from '@tessera/service-kit';
import type { DealResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Deal: DealResolvers = {
  __resolveReference: (reference, context) => bound(context).loaders.dealById.load(reference.id),
  amount: (deal) => toMoney(deal.amount, deal.currency),
  contact: async (deal, _args, context) => {
    const contact = await bound(context).loaders.contactById.load(deal.contactId);
    if (!contact) throw new Error(`contact ${deal.contactId} of deal ${deal.id} not found`);
    return contact;
  },
  owner: (deal) => (deal.ownerId ? { id: deal.ownerId } : null),
};
