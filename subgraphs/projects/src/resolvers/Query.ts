import type { QueryResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Query: QueryResolvers = {
  projects: (_parent, args, context) => bound(context).projects.list(args),
  project: (_parent, { id }, context) => bound(context).projects.get(id),
  task: (_parent, { id }, context) => bound(context).tasks.get(id),
  projectTemplates: (_parent, args, context) => bound(context).templates.list(args),
  projectSettings: (_parent, _args, context) => bound(context).templates.settings(),
};
