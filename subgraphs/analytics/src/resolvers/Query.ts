import type { QueryResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Query: QueryResolvers = {
  dashboard: (_parent, { range }, context) => bound(context).dashboards.dashboard(range),
};
