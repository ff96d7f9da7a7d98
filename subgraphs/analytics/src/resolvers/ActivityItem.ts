import { money } from '@tessera/service-kit';
import type { ActivityItemResolvers, ModuleKey } from '../generated/graphql.js';

/** An activity item as stored: its module in the entitlements' key form, its amount as Money. */
export const ActivityItem: ActivityItemResolvers = {
  module: (item) => item.module.toUpperCase() as ModuleKey,
  amount: (item) => (item.amount !== null && item.currency !== null ? money(item.amount.toString(), item.currency) : null),
};
