import { GraphQLError } from 'graphql';
import type { SubscriptionResolvers } from '../generated/graphql.js';

/** The subgraph only declares subscriptions; the router serves them (over graphql-ws) by re-running `dashboard`. */
function servedByTheRouter(): never {
  throw new GraphQLError(
    'dashboardUpdated is served by the router over graphql-ws (it re-runs `dashboard` when an event arrives); the analytics subgraph does not execute subscriptions',
    { extensions: { code: 'BAD_REQUEST' } },
  );
}

export const Subscription: SubscriptionResolvers = {
  dashboardUpdated: { subscribe: servedByTheRouter, resolve: servedByTheRouter },
};
