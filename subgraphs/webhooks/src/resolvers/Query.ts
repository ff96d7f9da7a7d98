import type { QueryResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Query: QueryResolvers = {
  webhookEventTypes: (_parent, _args, context) =>
    bound(context).settings.catalogue.map((entry) => ({ ...entry, dataSchema: JSON.stringify(entry.dataSchema) })),
  webhookEndpoint: (_parent, { id }, context) => bound(context).endpoints.byId(id),
  webhookEndpoints: (_parent, args, context) => bound(context).endpoints.list(args),
};
