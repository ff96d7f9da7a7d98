import type { WebhookAttemptResolvers, WebhookDeliveryResolvers, WebhookEndpointResolvers } from '../generated/graphql.js';
import { bound } from '../context.js';

export const WebhookEndpoint: WebhookEndpointResolvers = {
  __resolveReference: (reference, context) => bound(context).endpoints.byId(reference.id),
  deliveries: (endpoint, args, context) => bound(context).endpoints.deliveries(endpoint.id, args),
};

export const WebhookDelivery: WebhookDeliveryResolvers = {
  __resolveReference: (reference, context) => bound(context).endpoints.deliveryById(reference.id),
  nextAttemptAt: (delivery) => (delivery.status === 'PENDING' ? delivery.nextAttemptAt : null),
  attemptLog: (delivery, _args, context) => bound(context).endpoints.attemptsOf(delivery.id),
};

export const WebhookAttempt: WebhookAttemptResolvers = {};
