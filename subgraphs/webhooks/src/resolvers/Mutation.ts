import type { MutationResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const Mutation: MutationResolvers = {
  createWebhookEndpoint: (_parent, { input }, context) => bound(context).endpoints.create(input),
  updateWebhookEndpoint: (_parent, { input }, context) => bound(context).endpoints.update(input),
  deleteWebhookEndpoint: (_parent, { input }, context) => bound(context).endpoints.delete(input.endpointId),
  rotateWebhookSecret: (_parent, { input }, context) => bound(context).endpoints.rotate(input.endpointId, bound(context).now()),
  redeliverWebhook: (_parent, { input }, context) => bound(context).endpoints.redeliver(input.deliveryId),
};
