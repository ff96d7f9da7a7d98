import type { QueryResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Query: QueryResolvers = {
  dashboard: (_parent, { range }, context) => bound(context).dashboards.dashboard(range),
  activity: (_parent, args, context) => bound(context).activity.list(args),
  activityItem: (_parent, { id }, context) => bound(context).activity.get(id),
};
