import { scalarResolvers } from '@tessera/service-kit';
import { Mutation } from './Mutation.js';
import { Query } from './Query.js';
import { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from './WebhookEndpoint.js';

export const resolvers = {
  Decimal: scalarResolvers.Decimal,
  DateTime: scalarResolvers.DateTime,
  Date: scalarResolvers.Date,
  Query,
  Mutation,
  WebhookEndpoint,
  WebhookDelivery,
  WebhookAttempt,
};
